using System.Globalization;
using System.Text;
using CsCheck;
using Till.Core.Money;
using Till.Core.Pricing;

namespace Till.Core.Tests.Properties;

/// <summary>Generators of realistic and awkward orders: fractional quantities, many tax rates, every kind of promotion.</summary>
internal static class OrderGen
{
    private static readonly Guid Branch = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid OtherBranch = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    private static readonly Guid[] Products = [.. Enumerable.Range(1, 5).Select(i => Guid.Parse($"0190a000-0000-7000-8000-0000000001{i:D2}"))];
    private static readonly Guid[] Categories = [.. Enumerable.Range(1, 3).Select(i => Guid.Parse($"0190a000-0000-7000-8000-0000000002{i:D2}"))];
    private static readonly string[] Codes = ["WELCOME", "VIP10", "FREECAKE"];

    private static readonly (string Currency, decimal[] Steps)[] Currencies =
    [
        ("IDR", [100m, 500m, 1000m]),
        ("USD", [0.05m, 0.10m]),
        ("JPY", [10m]),
        ("KWD", [0.005m, 0.050m]),
    ];

    private static Gen<decimal> Money(int digits, int max) =>
        Gen.Int[0, max].Select(Gen.Int[0, 1], (v, finer) => v / Pow10(digits + finer));

    private static Gen<decimal> Quantity =>
        Gen.Frequency((4, Gen.Int[1, 12].Select(q => (decimal)q)), (1, Gen.Int[1, 5_000].Select(q => q / 1000m)));

    private static Gen<Discount?> DiscountGen(int digits) =>
        Gen.Frequency(
            (3, Gen.Const((Discount?)null)),
            (1, Gen.Int[0, 100].Select(p => (Discount?)Discount.Percent(p))),
            (1, Gen.Int[0, 400].Select(p => (Discount?)Discount.Percent(p / 4m))),
            (1, Gen.Int[0, 200_000].Select(a => (Discount?)Discount.Amount(a / Pow10(digits)))));

    private static Gen<OrderLineDraft> LineGen(int digits) =>
        from product in Gen.OneOf(Products)
        from category in Gen.Frequency((3, Gen.OneOf(Categories).Select(c => (Guid?)c)), (1, Gen.Const((Guid?)null)))
        from price in Money(digits, 2_000_000)
        from quantity in Quantity
        from rate in Gen.OneOf(0m, 5m, 7.5m, 10m, 11m, 12.5m, 20m)
        from discount in DiscountGen(digits)
        from modifiers in Money(digits, 100_000).Select(p => new LineModifier("Extra", p)).Array[0, 2]
        select new OrderLineDraft(product, category, "Item " + product.ToString()[^2..], price, quantity, rate)
        {
            Discount = discount,
            Modifiers = modifiers,
        };

    private static Gen<Promotion> PromotionGen(int digits) =>
        from id in Gen.Guid
        from kind in Gen.Enum<PromotionKind>()
        from target in Gen.Enum<PromotionTarget>()
        from product in Gen.OneOf(Products)
        from category in Gen.OneOf(Categories)
        from percent in Gen.Int[0, 100]
        from amount in Gen.Int[0, 100_000]
        from buy in Gen.Int[1, 3]
        from get in Gen.Int[1, 2]
        from minimum in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[0, 1_000_000]))
        from coupon in Gen.Frequency((3, Gen.Const((string?)null)), (1, Gen.OneOf(Codes).Select(c => (string?)c)))
        from otherBranch in Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true)))
        from window in Gen.Frequency((3, Gen.Const(((int, int)?)null)), (1, Gen.Select(Gen.Int[0, 23], Gen.Int[0, 23], (a, b) => ((int, int)?)(a, b))))
        from weekdays in Gen.Enum<DayOfWeek>().Array[0, 3]
        let safeKind = kind == PromotionKind.BuyXGetY && target == PromotionTarget.Order ? PromotionKind.PercentOff : kind
        select new Promotion(id, $"{safeKind} {target}", safeKind, target,
            safeKind == PromotionKind.AmountOff ? amount / Pow10(digits) : percent)
        {
            TargetId = target == PromotionTarget.Product ? product : target == PromotionTarget.Category ? category : null,
            BuyQuantity = buy,
            GetQuantity = get,
            MinimumSpend = minimum / Pow10(digits),
            CouponCode = coupon,
            BranchIds = otherBranch ? [OtherBranch] : [],
            WindowStart = window is { } w ? new TimeOnly(w.Item1, 0) : null,
            WindowEnd = window is { } w2 ? new TimeOnly(w2.Item2, 30) : null,
            Weekdays = weekdays,
        };

    /// <summary>A valid order draft.</summary>
    public static Gen<OrderDraft> Draft =>
        from currency in Gen.OneOf(Currencies)
        let digits = Currency.MinorUnitDigits(currency.Currency)
        from mode in Gen.Enum<TaxMode>()
        from lines in LineGen(digits).Array[1, 8]
        from orderDiscount in DiscountGen(digits)
        from promotions in PromotionGen(digits).Array[0, 4]
        from codes in Gen.OneOf(Codes).Array[0, 2]
        from step in Gen.Frequency((1, Gen.Const((decimal?)null)), (1, Gen.OneOf(currency.Steps).Select(s => (decimal?)s)))
        from minutes in Gen.Int[0, 7 * 24 * 60 - 1]
        from loyalty in Gen.Frequency(
            (1, Gen.Const((LoyaltySettings?)null)),
            (1, Gen.Select(Gen.Int[0, 50_000], Gen.Int[0, 500], Gen.Long[0, 10_000],
                (spend, value, points) => (LoyaltySettings?)new LoyaltySettings(spend / Pow10(digits), value / Pow10(digits), points))))
        select new OrderDraft(Branch, new DateTime(2026, 11, 16).AddMinutes(minutes), currency.Currency, mode, lines)
        {
            OrderDiscount = orderDiscount,
            Promotions = promotions,
            CouponCodes = codes,
            CashRoundingIncrement = step,
            Loyalty = loyalty,
        };

    public static string Describe(OrderDraft d)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{d.Currency} {d.TaxMode} at {d.LocalTime:yyyy-MM-dd HH:mm ddd}, order discount {d.OrderDiscount}, step {d.CashRoundingIncrement}, loyalty {d.Loyalty}, codes [{string.Join(",", d.CouponCodes)}]\n");
        foreach (var l in d.Lines)
            sb.Append(CultureInfo.InvariantCulture, $"  line {l.ProductId.ToString()[^3..]} cat {l.CategoryId?.ToString()[^3..]} {l.Quantity} x {l.UnitPrice} + [{string.Join(",", l.Modifiers.Select(m => m.Price))}] tax {l.TaxRate} disc {l.Discount}\n");
        foreach (var p in d.Promotions)
            sb.Append(CultureInfo.InvariantCulture, $"  promo {p}\n");
        return sb.ToString();
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => 10_000m };
}
