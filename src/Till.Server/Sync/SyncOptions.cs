using System.ComponentModel.DataAnnotations;

namespace Till.Server.Sync;

internal sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Largest pull or snapshot page.</summary>
    [Range(1, 20_000)]
    public int MaxPageSize { get; set; } = 5000;

    /// <summary>How long tombstones stay in the change log; a device offline longer must re-bootstrap.</summary>
    [Range(1, 3650)]
    public int TombstoneRetentionDays { get; set; } = 30;

    /// <summary>How often the change log is compacted (superseded rows, expired tombstones).</summary>
    [Range(1, 10_080)]
    public int CompactionIntervalMinutes { get; set; } = 60;

    /// <summary>Largest push body (a 1,000-order batch fits comfortably).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxPushBytes { get; set; } = 64L * 1024 * 1024;
}
