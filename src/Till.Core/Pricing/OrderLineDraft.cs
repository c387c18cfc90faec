namespace Till.Core.Pricing;

/// <summary>One line of an order as the cashier rang it up, before pricing.</summary>
/// <param name="ProductId">The product sold.</param>
/// <param name="CategoryId">The product's category, used by category promotions.</param>
/// <param name="Name">The name printed on the receipt (a snapshot).</param>
/// <param name="UnitPrice">Shelf price of one unit, without modifiers (tax included when the branch is tax-inclusive).</param>
/// <param name="Quantity">Units sold; may be fractional (e.g. 0.75 kg). Must be above zero.</param>
/// <param name="TaxRate">Tax rate in percent, e.g. 11 for 11 %.</param>
public sealed record OrderLineDraft(Guid ProductId, Guid? CategoryId, string Name, decimal UnitPrice, decimal Quantity, decimal TaxRate)
{
    /// <summary>Manual discount on this line (percent, or an amount off the whole line).</summary>
    public Discount? Discount { get; init; }

    /// <summary>Modifiers; each one's price is added to every unit of the line.</summary>
    public IReadOnlyList<LineModifier> Modifiers { get; init; } = [];

    /// <summary>Free text for the kitchen and the receipt, e.g. "no sugar".</summary>
    public string? Note { get; init; }
}
