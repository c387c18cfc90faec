namespace Till.Sdk;

/// <summary>Timing of the sync engine.</summary>
public sealed class SyncEngineOptions
{
    /// <summary>How often the outbox is tried when all is well.</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Fallback pull period when no nudge arrives.</summary>
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay after a failure; doubled per consecutive failure, with ±50 % jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between attempts.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Mutations per push (at most <c>SyncProtocol.MaxMutationsPerPush</c>).</summary>
    /// <remarks>50 keeps one push of completed sales well inside the request timeout while the server applies each sale in full (pricing check, stock, loyalty, change log).</remarks>
    public int PushBatchSize { get; set; } = 50;

    /// <summary>Changes per pull page (and per snapshot page unless <see cref="SnapshotPageSize"/> is set).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Changes per snapshot page during a bootstrap or reset; null uses <see cref="PageSize"/>.</summary>
    public int? SnapshotPageSize { get; set; }

    /// <summary>Source of jitter (seed it for reproducible runs).</summary>
    public Random Random { get; set; } = Random.Shared;
}
