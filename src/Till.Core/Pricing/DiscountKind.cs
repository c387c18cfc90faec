namespace Till.Core.Pricing;

/// <summary>How a discount's value is read.</summary>
public enum DiscountKind
{
    /// <summary>The value is a percentage (0 to 100) of the amount it applies to.</summary>
    Percent,

    /// <summary>The value is a money amount in the order's currency.</summary>
    Amount,
}
