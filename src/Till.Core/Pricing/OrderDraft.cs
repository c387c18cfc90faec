namespace Till.Core.Pricing;

/// <summary>Everything the pricing engine needs to price an order. Pure data: no clock, no database.</summary>
/// <param name="BranchId">The selling branch (for promotions scoped to branches).</param>
/// <param name="LocalTime">The branch's local date and time of the sale (for time windows and weekdays).</param>
/// <param name="Currency">ISO 4217 code; amounts round to its minor unit.</param>
/// <param name="TaxMode">Whether prices include tax.</param>
/// <param name="Lines">The lines, in the order they were rung up.</param>
public sealed record OrderDraft(Guid BranchId, DateTime LocalTime, string Currency, TaxMode TaxMode, IReadOnlyList<OrderLineDraft> Lines)
{
    /// <summary>Manual discount on the whole order, applied after every promotion.</summary>
    public Discount? OrderDiscount { get; init; }

    /// <summary>Coupon codes the customer presented (compared trimmed and case-insensitively).</summary>
    public IReadOnlyList<string> CouponCodes { get; init; } = [];

    /// <summary>The promotions the tenant has set up; the engine decides which are in force.</summary>
    public IReadOnlyList<Promotion> Promotions { get; init; } = [];

    /// <summary>Cash rounding step for the grand total (e.g. 100 for IDR, 0.05 for CHF); null for none.</summary>
    public decimal? CashRoundingIncrement { get; init; }

    /// <summary>Loyalty rules when a customer is attached; null otherwise.</summary>
    public LoyaltySettings? Loyalty { get; init; }
}
