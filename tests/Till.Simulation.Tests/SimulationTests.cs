using System.Globalization;

namespace Till.Simulation.Tests;

/// <summary>
/// Runs the simulation over many seeds on each provider. <c>TILL_SIM_SEEDS</c> sets how many
/// (default 300 when <c>CI=true</c>, else 20); <c>TILL_SIM_SEED</c> replays one seed;
/// <c>TILL_SIM_FIRST_SEED</c> shifts the range for long runs.
/// </summary>
public abstract class SimulationTests(SimServer server)
{
    private static int SeedCount => int.TryParse(Environment.GetEnvironmentVariable("TILL_SIM_SEEDS"), CultureInfo.InvariantCulture, out var n)
        ? n
        : Environment.GetEnvironmentVariable("CI") == "true" ? 300 : 20;

    private static IEnumerable<int> Seeds()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("TILL_SIM_SEED"), CultureInfo.InvariantCulture, out var one)) return [one];
        var first = int.TryParse(Environment.GetEnvironmentVariable("TILL_SIM_FIRST_SEED"), CultureInfo.InvariantCulture, out var f) ? f : 1;
        return Enumerable.Range(first, SeedCount);
    }

    [Fact]
    public async Task Simulation_EverySeed_KeepsTheInvariants()
    {
        var runs = 0;
        var phases = new Dictionary<string, long>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var restartsBefore = server.RestartTime;
        long requests = 0;
        foreach (var seed in Seeds())
        {
            var simulation = new Simulation(server, seed, new SimulationOptions());
            await simulation.RunAsync();
            requests += simulation.Requests;
            long previous = 0;
            foreach (var (phase, ms) in simulation.Timings)
            {
                phases[phase] = phases.GetValueOrDefault(phase) + ms - previous;
                previous = ms;
            }

            if (runs++ < 3) TestContext.Current.SendDiagnosticMessage($"seed {seed}: " + string.Join(", ", simulation.Timings.Select(t => $"{t.Phase} {t.Ms} ms")) + "; " + simulation.Summary);
        }

        // Where a seed's time goes, on average (restarts are inside "steps").
        var perSeed = watch.Elapsed.TotalSeconds / Math.Max(1, runs);
        TestContext.Current.SendDiagnosticMessage($"{runs} seeds passed, {server.Restarts} server restarts; {perSeed:F3} s per seed, {requests / Math.Max(1, runs)} terminal requests per seed: "
            + string.Join(", ", phases.Select(p => $"{p.Key} {p.Value / (double)Math.Max(1, runs):F0} ms"))
            + $", of which server restarts {(server.RestartTime - restartsBefore).TotalMilliseconds / Math.Max(1, runs):F0} ms");
    }

    [Fact]
    public async Task Simulation_WithoutIdempotentNumbering_FindsMutationsAppliedTwice()
    {
        var failure = await FirstFailureAsync(new SimulationOptions { BreakIdempotency = true });

        Assert.Matches("issued|holds|completed", failure.Message);
    }

    [Fact]
    public async Task Simulation_WithTheCursorTakenFromTheServerSequence_FindsAMirrorThatMissesChanges()
    {
        var failure = await FirstFailureAsync(new SimulationOptions { BreakCursor = true });

        Assert.Matches("lacks|holds", failure.Message);
    }

    private async Task<SimulationFailedException> FirstFailureAsync(SimulationOptions options)
    {
        for (var seed = 1; seed <= 30; seed++)
        {
            try
            {
                await new Simulation(server, seed, options).RunAsync();
            }
            catch (SimulationFailedException e)
            {
                TestContext.Current.SendDiagnosticMessage(e.Message);
                return e;
            }
        }

        Assert.Fail("The sabotaged terminal passed 30 seeds: the simulation cannot see this fault.");
        return null!;
    }
}

public sealed class SimulationTestsSqlite(SqliteSimServer server) : SimulationTests(server);

public sealed class SimulationTestsPostgres(PostgresSimServer server) : SimulationTests(server);
