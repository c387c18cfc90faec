namespace Till.Core.Refunds;

/// <summary>The refund for one return.</summary>
/// <param name="Total">Money (and points value) to give back; the sum of the lines.</param>
/// <param name="CompletesOrder">True when, with this return, every line of the order has come back.</param>
public sealed record Refund(RefundError Error, string? Message, IReadOnlyList<RefundLine> Lines, decimal Total, decimal TaxTotal, bool CompletesOrder)
{
    /// <summary>True when the return is valid.</summary>
    public bool Succeeded => Error == RefundError.None;
}
