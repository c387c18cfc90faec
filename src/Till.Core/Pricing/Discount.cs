namespace Till.Core.Pricing;

/// <summary>A manual discount given by the cashier: a percentage or a fixed amount.</summary>
/// <param name="Kind">Whether <paramref name="Value"/> is a percentage or an amount.</param>
/// <param name="Value">0 to 100 for a percentage; a non-negative amount otherwise.</param>
public sealed record Discount(DiscountKind Kind, decimal Value)
{
    /// <summary>A percentage off, e.g. <c>Discount.Percent(10)</c> for 10 %.</summary>
    public static Discount Percent(decimal percent) => new(DiscountKind.Percent, percent);

    /// <summary>A fixed amount off, e.g. <c>Discount.Amount(5000)</c>.</summary>
    public static Discount Amount(decimal amount) => new(DiscountKind.Amount, amount);

    /// <summary>The discount on <paramref name="amount"/>, rounded to the currency and never more than it.</summary>
    internal decimal On(decimal amount, string currency)
    {
        var off = Kind == DiscountKind.Percent
            ? Money.Currency.Round(amount * Value / 100m, currency)
            : Money.Currency.Round(Value, currency);
        return Math.Clamp(off, 0m, Math.Max(amount, 0m));
    }
}
