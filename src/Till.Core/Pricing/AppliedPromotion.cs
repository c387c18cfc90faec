namespace Till.Core.Pricing;

/// <summary>A promotion that took money off the order, and how much in total.</summary>
public sealed record AppliedPromotion(Guid PromotionId, string Name, decimal Amount, string? CouponCode);
