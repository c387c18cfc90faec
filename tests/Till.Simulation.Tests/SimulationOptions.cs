namespace Till.Simulation.Tests;

/// <summary>Size of one simulated run, and the sabotage switches that show each rule matters.</summary>
public sealed record SimulationOptions
{
    public int Terminals { get; init; } = 5;
    public int Steps { get; init; } = 40;
    /// <summary>Pull page sizes; each terminal draws one, so pulls page often (a few hundred changes reach each terminal).</summary>
    public int[] PageSizes { get; init; } = [7, 20, 50];

    /// <summary>Snapshot page size of the first bootstrap (faults are off then; resumable snapshots are covered by Till.Sdk.Tests).</summary>
    public int SnapshotPageSize { get; init; } = 100;
    public bool BreakIdempotency { get; init; }
    public bool BreakCursor { get; init; }
}
