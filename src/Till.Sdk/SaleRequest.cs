using Till.Core.Payments;
using Till.Core.Pricing;

namespace Till.Sdk;

/// <summary>What the cashier rang up: lines, how it is paid and for whom.</summary>
/// <param name="Lines">Products and quantities; prices come from the local catalogue.</param>
/// <param name="Tenders">The payments (split payments allowed; cash may exceed the total and gives change).</param>
public sealed record SaleRequest(IReadOnlyList<SaleLine> Lines, IReadOnlyList<Tender> Tenders)
{
    /// <summary>The customer, for loyalty and history.</summary>
    public Guid? CustomerId { get; init; }

    /// <summary>The signed-in cashier.</summary>
    public Guid? CashierId { get; init; }

    /// <summary>retail, dine_in, takeaway or delivery.</summary>
    public string OrderType { get; init; } = "retail";

    /// <summary>The table (restaurants).</summary>
    public Guid? TableId { get; init; }

    /// <summary>A manual discount on the whole order.</summary>
    public Discount? OrderDiscount { get; init; }

    /// <summary>The order id when an open tab is being paid; new when null.</summary>
    public Guid? OrderId { get; init; }
}

/// <summary>One product and quantity of a sale.</summary>
/// <param name="LineId">The line's id when it already has one (a tab's line being paid); new when null.</param>
public sealed record SaleLine(Guid ProductId, decimal Quantity, string? Note = null, Guid? LineId = null);
