using Till.Core.Pricing;

namespace Till.Core.Tests.Pricing;

/// <summary>Small builders so each test shows only what matters to it.</summary>
internal static class Drafts
{
    public static readonly Guid Branch = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    public static readonly Guid OtherBranch = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    public static readonly Guid Coffee = Guid.Parse("0190a000-0000-7000-8000-0000000000c1");
    public static readonly Guid Tea = Guid.Parse("0190a000-0000-7000-8000-0000000000c2");
    public static readonly Guid Cake = Guid.Parse("0190a000-0000-7000-8000-0000000000c3");
    public static readonly Guid Drinks = Guid.Parse("0190a000-0000-7000-8000-0000000000d1");
    public static readonly Guid Bakery = Guid.Parse("0190a000-0000-7000-8000-0000000000d2");

    /// <summary>A Friday, 18:30 local time.</summary>
    public static readonly DateTime FridayEvening = new(2026, 11, 20, 18, 30, 0);

    public static OrderDraft Order(string currency, TaxMode mode, params OrderLineDraft[] lines) =>
        new(Branch, FridayEvening, currency, mode, lines);

    public static OrderLineDraft Line(Guid product, decimal price, decimal quantity = 1, decimal taxRate = 0, Guid? category = null, string? name = null) =>
        new(product, category, name ?? "Item", price, quantity, taxRate);
}
