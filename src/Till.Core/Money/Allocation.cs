using System.Numerics;

namespace Till.Core.Money;

/// <summary>
/// Splits an amount over weighted parts so that the parts add up to it exactly, in minor units
/// (largest remainder method). Exact integer arithmetic, deterministic: ties go to the earlier part.
/// </summary>
public static class Allocation
{
    /// <summary>
    /// Splits <paramref name="amount"/> (a whole number of <paramref name="currency"/> minor units)
    /// over <paramref name="weights"/> (non-negative). When the amount is at most the sum of the
    /// weights and the weights are whole minor units, no part exceeds its weight.
    /// </summary>
    public static decimal[] Spread(decimal amount, IReadOnlyList<decimal> weights, string currency)
    {
        var parts = new decimal[weights.Count];
        if (weights.Any(w => w < 0))
            throw new ArgumentOutOfRangeException(nameof(weights), "Weights must not be negative.");
        if (amount == 0 || parts.Length == 0)
            return parts;
        if (weights.All(w => w == 0))
            throw new ArgumentException("Cannot spread a non-zero amount over zero weights.", nameof(weights));

        var unit = MinorUnit(currency);
        var unitCount = Math.Abs(amount) / unit;
        if (unitCount != decimal.Truncate(unitCount))
            throw new ArgumentException($"Amount {amount} is not a whole number of {currency} minor units.", nameof(amount));

        // Weights scaled to integers; each share is a quotient and a remainder over the same divisor.
        var scale = weights.Max(w => w.Scale);
        var scaled = weights.Select(w => Mantissa(w) * BigInteger.Pow(10, scale - w.Scale)).ToArray();
        var total = scaled.Aggregate(BigInteger.Zero, (a, b) => a + b);
        var units = new BigInteger(unitCount);
        var shares = new BigInteger[parts.Length];
        var remainders = new BigInteger[parts.Length];
        var left = units;
        for (var i = 0; i < parts.Length; i++)
        {
            shares[i] = BigInteger.DivRem(units * scaled[i], total, out remainders[i]);
            left -= shares[i];
        }
        // Stable sort: equal remainders keep their original order, so earlier parts win ties.
        var order = Enumerable.Range(0, parts.Length).OrderByDescending(i => remainders[i]).ToArray();
        for (var k = 0; k < left; k++)
            shares[order[k]] += 1;

        var sign = Math.Sign(amount);
        for (var i = 0; i < parts.Length; i++)
            parts[i] = sign * (decimal)shares[i] * unit;
        return parts;
    }

    /// <summary>The currency's smallest amount, e.g. 0.01 for USD and 1 for IDR.</summary>
    public static decimal MinorUnit(string currency)
    {
        var unit = 1m;
        for (var d = Currency.MinorUnitDigits(currency); d > 0; d--)
            unit /= 10m;
        return unit;
    }

    // The 96-bit integer behind a non-negative decimal (its value times 10^Scale).
    private static BigInteger Mantissa(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
    }
}
