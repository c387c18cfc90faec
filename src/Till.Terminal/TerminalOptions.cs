namespace Till.Terminal;

/// <summary>Where the terminal keeps its data and how it reaches the server.</summary>
public sealed class TerminalOptions
{
    /// <summary>Folder of the local store (<c>terminal.db</c>) and backups.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Test hook: the transport to the server (an in-process test server); a real network when null.</summary>
    public Func<HttpMessageHandler>? ServerHandler { get; set; }

    /// <summary>Whether to hold a SignalR connection for nudges (off in tests that drive sync by hand).</summary>
    public bool Realtime { get; set; } = true;
}
