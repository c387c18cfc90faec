namespace Till.Core.Pricing;

/// <summary>
/// One priced line. <c>Gross - ManualDiscount - PromotionDiscount = Amount</c> and
/// <c>Net + Tax = Total</c>; with exclusive tax <c>Net = Amount</c>, with inclusive tax <c>Total = Amount</c>.
/// </summary>
/// <param name="Index">Position of the line in the draft.</param>
/// <param name="UnitPrice">Unit price including modifiers.</param>
/// <param name="Gross">Quantity times unit price, rounded to the currency.</param>
/// <param name="ManualDiscount">The line's own manual discount plus its share of the manual order discount.</param>
/// <param name="PromotionDiscount">Item promotion on the line plus its share of the order promotion.</param>
/// <param name="Amount">What the line costs after discounts, at shelf-price basis (tax included when inclusive).</param>
/// <param name="Net">The line without tax.</param>
/// <param name="Tax">The line's share of its tax rate's tax.</param>
/// <param name="Total">The line with tax.</param>
public sealed record PricedLine(
    int Index, Guid ProductId, Guid? CategoryId, string Name, decimal Quantity, decimal UnitPrice,
    IReadOnlyList<LineModifier> Modifiers, decimal TaxRate,
    decimal Gross, decimal ManualDiscount, decimal PromotionDiscount, decimal Amount, decimal Net, decimal Tax, decimal Total)
{
    /// <summary>The line's note, copied from the draft.</summary>
    public string? Note { get; init; }

    /// <summary>Manual plus promotion discount.</summary>
    public decimal Discount => ManualDiscount + PromotionDiscount;
}
