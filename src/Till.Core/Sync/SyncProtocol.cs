namespace Till.Core.Sync;

/// <summary>Protocol versions. Every push, pull and snapshot request states the version it speaks.</summary>
public static class SyncProtocol
{
    /// <summary>The version this build speaks.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The oldest version the server still accepts; older clients are told to upgrade (426).</summary>
    public const int MinimumVersion = 1;

    /// <summary>Most mutations one push may carry.</summary>
    public const int MaxMutationsPerPush = 1000;
}
