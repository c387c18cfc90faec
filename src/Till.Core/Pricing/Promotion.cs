namespace Till.Core.Pricing;

/// <summary>
/// A promotion as the tenant set it up. Whether it is in force for an order (branch, dates,
/// weekdays, time of day, coupon) is decided by <see cref="IsInForce"/>.
/// </summary>
/// <param name="Id">Identifies the promotion on the receipt breakdown.</param>
/// <param name="Name">Printed on the receipt.</param>
/// <param name="Kind">Percent off, amount off, or buy X get Y.</param>
/// <param name="Target">Product, category or the whole order.</param>
/// <param name="Value">Percent (0 to 100) for percent-off and buy X get Y; an amount for amount-off.</param>
public sealed record Promotion(Guid Id, string Name, PromotionKind Kind, PromotionTarget Target, decimal Value)
{
    /// <summary>The product or category id; ignored for order promotions.</summary>
    public Guid? TargetId { get; init; }

    /// <summary>Units to buy for buy X get Y.</summary>
    public int BuyQuantity { get; init; }

    /// <summary>Units that get <see cref="Value"/> percent off for buy X get Y.</summary>
    public int GetQuantity { get; init; }

    /// <summary>Order promotions only: the order (after item promotions) must reach this amount.</summary>
    public decimal MinimumSpend { get; init; }

    /// <summary>Branches where it runs; empty means every branch.</summary>
    public IReadOnlyList<Guid> BranchIds { get; init; } = [];

    /// <summary>First local date it runs, inclusive; null for no start.</summary>
    public DateOnly? StartsOn { get; init; }

    /// <summary>Last local date it runs, inclusive; null for no end.</summary>
    public DateOnly? EndsOn { get; init; }

    /// <summary>Weekdays it runs on (of the local date); empty means every day.</summary>
    public IReadOnlyList<DayOfWeek> Weekdays { get; init; } = [];

    /// <summary>Start of the daily window (inclusive); with <see cref="WindowEnd"/>, e.g. a happy hour.</summary>
    public TimeOnly? WindowStart { get; init; }

    /// <summary>End of the daily window (exclusive); a window ending before it starts runs past midnight.</summary>
    public TimeOnly? WindowEnd { get; init; }

    /// <summary>When set, the promotion applies only if the customer presents this code.</summary>
    public string? CouponCode { get; init; }

    /// <summary>True when the promotion runs at <paramref name="localTime"/> in <paramref name="branchId"/> with the given codes.</summary>
    public bool IsInForce(Guid branchId, DateTime localTime, IReadOnlyList<string> couponCodes)
    {
        if (BranchIds.Count > 0 && !BranchIds.Contains(branchId))
            return false;
        var date = DateOnly.FromDateTime(localTime);
        if ((StartsOn is { } start && date < start) || (EndsOn is { } end && date > end))
            return false;
        if (Weekdays.Count > 0 && !Weekdays.Contains(localTime.DayOfWeek))
            return false;
        if (WindowStart is { } from && WindowEnd is { } to)
        {
            var time = TimeOnly.FromDateTime(localTime);
            // A window like 22:00-02:00 wraps past midnight.
            var inWindow = from <= to ? time >= from && time < to : time >= from || time < to;
            if (!inWindow)
                return false;
        }
        return CouponCode is null || MatchesCoupon(couponCodes);
    }

    /// <summary>Why the promotion cannot work as set up, or null when it can. The engine skips promotions that fail this.</summary>
    public string? Validate() => this switch
    {
        { Kind: PromotionKind.PercentOff, Value: < 0 or > 100 } => "A percentage must be between 0 and 100.",
        { Kind: PromotionKind.AmountOff, Value: < 0 or > PricingEngine.MaxPrice } => "An amount off must be between 0 and the highest price.",
        { Kind: PromotionKind.BuyXGetY, Target: PromotionTarget.Order } => "Buy X get Y applies to a product or a category.",
        { Kind: PromotionKind.BuyXGetY, Value: < 0 or > 100 } => "The discount on the free units must be between 0 and 100 percent.",
        { Kind: PromotionKind.BuyXGetY } when BuyQuantity is < 1 or > 1_000 || GetQuantity is < 1 or > 1_000 =>
            "Buy X get Y needs 1 to 1,000 units to buy and 1 to 1,000 to get.",
        { Target: PromotionTarget.Product or PromotionTarget.Category, TargetId: null } => "A product or category promotion needs its target.",
        { MinimumSpend: < 0 or > PricingEngine.MaxAmount } => "The minimum spend must be between 0 and the highest amount.",
        { WindowStart: null, WindowEnd: not null } or { WindowStart: not null, WindowEnd: null } => "A time window needs both a start and an end.",
        { StartsOn: { } from, EndsOn: { } to } when to < from => "The promotion ends before it starts.",
        _ when !Enum.IsDefined(Kind) || !Enum.IsDefined(Target) => "Unknown promotion kind or target.",
        _ => null,
    };

    internal bool MatchesCoupon(IReadOnlyList<string> couponCodes) =>
        CouponCode is not null && couponCodes.Any(c => string.Equals(c.Trim(), CouponCode.Trim(), StringComparison.OrdinalIgnoreCase));

    internal bool Targets(OrderLineDraft line) => Target switch
    {
        PromotionTarget.Product => TargetId == line.ProductId,
        PromotionTarget.Category => TargetId is not null && TargetId == line.CategoryId,
        _ => false,
    };
}
