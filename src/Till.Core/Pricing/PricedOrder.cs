namespace Till.Core.Pricing;

/// <summary>
/// The priced order: everything a receipt prints. The totals always equal the sums of the lines:
/// <c>GrandTotal = Subtotal - DiscountTotal + (exclusive ? TaxTotal : 0) + Rounding</c> and
/// <c>GrandTotal = NetTotal + TaxTotal + Rounding</c>.
/// </summary>
/// <param name="Subtotal">Sum of line gross amounts.</param>
/// <param name="ManualDiscountTotal">Sum of line manual discounts (line and order).</param>
/// <param name="PromotionDiscountTotal">Sum of line promotion discounts.</param>
/// <param name="NetTotal">Sum of line nets (without tax).</param>
/// <param name="TaxTotal">Sum of taxes; equals the sum of <paramref name="Taxes"/>.</param>
/// <param name="Rounding">Cash rounding added to the grand total (may be negative).</param>
/// <param name="GrandTotal">What the customer pays, by any mix of methods.</param>
public sealed record PricedOrder(
    string Currency, TaxMode TaxMode, IReadOnlyList<PricedLine> Lines, IReadOnlyList<TaxLine> Taxes,
    decimal Subtotal, decimal ManualDiscountTotal, decimal PromotionDiscountTotal, decimal NetTotal, decimal TaxTotal,
    decimal Rounding, decimal GrandTotal, IReadOnlyList<AppliedPromotion> Promotions, LoyaltyOutcome Loyalty,
    IReadOnlyList<string> UnusedCouponCodes)
{
    /// <summary>All discounts.</summary>
    public decimal DiscountTotal => ManualDiscountTotal + PromotionDiscountTotal;

    /// <summary>Grand total less the loyalty points redeemed: what is left to pay in money.</summary>
    public decimal AmountDue => GrandTotal - Loyalty.RedeemedValue;

    /// <summary>Sum of line totals, before cash rounding.</summary>
    public decimal TotalBeforeRounding => GrandTotal - Rounding;
}
