namespace Till.Core.Money;

/// <summary>
/// Splits an amount over weighted parts so that the parts add up to it exactly, in minor units
/// (largest remainder method). Deterministic: ties go to the earlier part.
/// </summary>
public static class Allocation
{
    /// <summary>
    /// Splits <paramref name="amount"/> (already rounded to <paramref name="currency"/>) over
    /// <paramref name="weights"/> (non-negative). When the amount is at most the sum of the
    /// weights and the weights are whole minor units, no part exceeds its weight.
    /// </summary>
    public static decimal[] Spread(decimal amount, IReadOnlyList<decimal> weights, string currency)
    {
        var parts = new decimal[weights.Count];
        var totalWeight = 0m;
        foreach (var w in weights)
        {
            if (w < 0)
                throw new ArgumentOutOfRangeException(nameof(weights), "Weights must not be negative.");
            totalWeight += w;
        }
        if (amount == 0 || parts.Length == 0)
            return parts;
        if (totalWeight == 0)
            throw new ArgumentException("Cannot spread a non-zero amount over zero weights.", nameof(weights));

        var unit = MinorUnit(currency);
        var sign = Math.Sign(amount);
        var units = Math.Abs(amount) / unit;
        if (units != decimal.Truncate(units))
            throw new ArgumentException($"Amount {amount} is not a whole number of {currency} minor units.", nameof(amount));

        var remainders = new decimal[parts.Length];
        var given = 0m;
        for (var i = 0; i < parts.Length; i++)
        {
            var exact = units * weights[i] / totalWeight;
            var floor = decimal.Floor(exact);
            parts[i] = floor;
            remainders[i] = exact - floor;
            given += floor;
        }
        var left = (int)(units - given);
        // Stable sort: equal remainders keep their original order, so earlier parts win ties.
        var order = Enumerable.Range(0, parts.Length).OrderByDescending(i => remainders[i]).ToArray();
        for (var k = 0; k < left; k++)
            parts[order[k % order.Length]] += 1;
        for (var i = 0; i < parts.Length; i++)
            parts[i] = sign * parts[i] * unit;
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
}
