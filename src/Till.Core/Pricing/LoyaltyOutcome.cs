namespace Till.Core.Pricing;

/// <summary>Loyalty result of an order: points used as payment and points earned.</summary>
/// <param name="PointsRedeemed">Points taken from the customer's balance.</param>
/// <param name="RedeemedValue">Money value of those points; paid as a loyalty-points payment.</param>
/// <param name="PointsEarned">Points earned on the part of the total paid in money.</param>
public sealed record LoyaltyOutcome(long PointsRedeemed, decimal RedeemedValue, long PointsEarned)
{
    /// <summary>No loyalty on the order.</summary>
    public static LoyaltyOutcome None { get; } = new(0, 0m, 0);
}
