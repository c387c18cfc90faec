namespace Till.Core.Pricing;

/// <summary>What a promotion gives.</summary>
public enum PromotionKind
{
    /// <summary><see cref="Promotion.Value"/> percent off the target.</summary>
    PercentOff,

    /// <summary><see cref="Promotion.Value"/> off each unit (product, category) or off the order.</summary>
    AmountOff,

    /// <summary>
    /// Buy <see cref="Promotion.BuyQuantity"/> get <see cref="Promotion.GetQuantity"/> at
    /// <see cref="Promotion.Value"/> percent off (100 = free), counting whole units of all targeted
    /// lines together and freeing the cheapest first.
    /// </summary>
    BuyXGetY,
}
