using System.ComponentModel.DataAnnotations;

namespace Till.Server.Hosting;

internal sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests per minute per user, device or (when anonymous) address. Sync is never limited.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 100;

    /// <summary>Login attempts per minute per address.</summary>
    [Range(1, 1_000_000)]
    public int LoginPermitsPerMinute { get; set; } = 10;
}
