using System.Globalization;
using CsCheck;

namespace Till.Core.Tests.Properties;

/// <summary>
/// Runs a property over samples drawn from a CsCheck generator with a fixed seed, so every run
/// checks the same samples and a failure replays exactly. The seed is printed with every run;
/// set <c>TILL_PROPERTY_SEED</c> to a number to replay or explore another one, or to
/// <c>random</c> for a fresh seed (printed, so it replays too).
/// </summary>
internal static class PropertyRun
{
    public const ulong DefaultSeed = 20_261_122;

    public static void ForAll<T>(Gen<T> gen, int samples, Action<T> property, Func<T, string> describe)
    {
        var seed = Seed();
        TestContext.Current.TestOutputHelper?.WriteLine($"Property seed {seed}, {samples} samples (replay: TILL_PROPERTY_SEED={seed}).");
        var master = new PCG(1, seed);
        for (var i = 0; i < samples; i++)
        {
            var sampleSeed = master.Next64();
            var value = gen.Generate(new PCG(1, sampleSeed), null!, out _);
            try
            {
                property(value);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"Property failed on sample {i} of TILL_PROPERTY_SEED={seed} (sample seed {sampleSeed}): {e.Message}\n{describe(value)}", e);
            }
        }
    }

    private static ulong Seed()
    {
        var text = Environment.GetEnvironmentVariable("TILL_PROPERTY_SEED");
        if (string.IsNullOrWhiteSpace(text))
            return DefaultSeed;
        return text.Equals("random", StringComparison.OrdinalIgnoreCase)
            ? (ulong)Random.Shared.NextInt64(1, long.MaxValue)
            : ulong.Parse(text, CultureInfo.InvariantCulture);
    }
}
