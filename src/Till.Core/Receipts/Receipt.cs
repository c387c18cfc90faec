using Till.Core.Payments;
using Till.Core.Pricing;

namespace Till.Core.Receipts;

/// <summary>What a receipt prints: the branch's texts, the number, the priced order and its payments.</summary>
/// <param name="Number">The order number from the device's series.</param>
/// <param name="LocalTime">The sale's time in the branch's time zone.</param>
/// <param name="Order">The priced order.</param>
public sealed record Receipt(ReceiptNumber Number, DateTime LocalTime, PricedOrder Order)
{
    /// <summary>Branch name, printed bold on top.</summary>
    public string? BranchName { get; init; }

    /// <summary>The branch's receipt header (address, tax id...); may hold several lines.</summary>
    public string? Header { get; init; }

    /// <summary>The branch's receipt footer (thanks, return policy...); may hold several lines.</summary>
    public string? Footer { get; init; }

    public string? Cashier { get; init; }
    public string? Customer { get; init; }

    /// <summary>The settled payments and change; null prints no payment section (e.g. an open tab's bill).</summary>
    public Settlement? Settlement { get; init; }
}
