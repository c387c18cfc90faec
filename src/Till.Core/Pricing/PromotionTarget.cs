namespace Till.Core.Pricing;

/// <summary>What a promotion applies to.</summary>
public enum PromotionTarget
{
    /// <summary>Lines of one product (<see cref="Promotion.TargetId"/> is the product id).</summary>
    Product,

    /// <summary>Lines of one category (<see cref="Promotion.TargetId"/> is the category id).</summary>
    Category,

    /// <summary>The whole order.</summary>
    Order,
}
