namespace Till.Simulation.Tests;

/// <summary>A terminal clock that is off by a fixed amount (a till PC with a wrong date).</summary>
public sealed class SkewedClock(TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
}
