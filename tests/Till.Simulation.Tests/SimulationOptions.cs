namespace Till.Simulation.Tests;

/// <summary>Size of one simulated run, and the sabotage switches that show each rule matters.</summary>
public sealed record SimulationOptions
{
    public int Terminals { get; init; } = 5;
    public int Steps { get; init; } = 40;
    public int PageSize { get; init; } = 7;
    public bool BreakIdempotency { get; init; }
    public bool BreakCursor { get; init; }
}
