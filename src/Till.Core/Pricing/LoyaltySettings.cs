namespace Till.Core.Pricing;

/// <summary>Loyalty rules for one order and the points the customer wants to spend on it.</summary>
/// <param name="SpendPerPoint">Amount paid (in money, not points) that earns one point; 0 earns nothing.</param>
/// <param name="PointValue">What one point is worth when redeemed; 0 disables redemption.</param>
/// <param name="PointsToRedeem">Points the customer offers to redeem (the engine may use fewer).</param>
public sealed record LoyaltySettings(decimal SpendPerPoint, decimal PointValue, long PointsToRedeem = 0);
