namespace Till.Simulation.Tests;

/// <summary>An invariant broke; the message names the seed so the run can be replayed.</summary>
public sealed class SimulationFailedException(int seed, string invariant, IReadOnlyList<string> log)
    : Exception($"Simulation seed {seed} failed: {invariant}. Replay with TILL_SIM_SEED={seed}.\nLast steps:\n  " + string.Join("\n  ", log.TakeLast(25)))
{
    public int Seed { get; } = seed;
}
