namespace Till.Core.Money;

/// <summary>ISO 4217 currency facts Till needs: the number of minor-unit digits.</summary>
public static class Currency
{
    private static readonly Dictionary<string, int> MinorUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IDR"] = 0, ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0, ["UGX"] = 0,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3, ["IQD"] = 3, ["LYD"] = 3,
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["SGD"] = 2, ["MYR"] = 2, ["AUD"] = 2, ["THB"] = 2,
        ["PHP"] = 2, ["INR"] = 2, ["CNY"] = 2, ["CAD"] = 2, ["NZD"] = 2, ["CHF"] = 2, ["HKD"] = 2,
    };

    /// <summary>True when <paramref name="code"/> is a currency Till knows.</summary>
    public static bool IsKnown(string? code) => code is not null && MinorUnits.ContainsKey(code);

    /// <summary>Digits after the decimal point for <paramref name="code"/> (2 when unknown).</summary>
    public static int MinorUnitDigits(string code) => MinorUnits.TryGetValue(code, out var d) ? d : 2;

    /// <summary>Rounds an amount to the currency's minor unit, half away from zero.</summary>
    public static decimal Round(decimal amount, string code) =>
        Math.Round(amount, MinorUnitDigits(code), MidpointRounding.AwayFromZero);

    /// <summary>The currency codes Till knows.</summary>
    public static IEnumerable<string> Known => MinorUnits.Keys;
}
