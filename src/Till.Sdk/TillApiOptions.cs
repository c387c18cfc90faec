namespace Till.Sdk;

/// <summary>Resilience settings of <see cref="TillApiClient"/>.</summary>
public sealed class TillApiOptions
{
    /// <summary>How long one attempt may take before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure inside one call (the sync engine retries again on its own timer).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; doubled per attempt, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
