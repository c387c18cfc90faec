namespace Till.Core.Payments;

/// <summary>
/// The result of settling an order with payments. When it succeeded, the payments' amounts add up
/// to exactly <see cref="Total"/> and <see cref="Change"/> is given back in cash.
/// </summary>
public sealed record Settlement(
    SettlementError Error, string? Message, decimal Total, IReadOnlyList<SettledPayment> Payments,
    decimal Tendered, decimal Change, decimal Shortfall)
{
    /// <summary>True when the payments settle the order.</summary>
    public bool Succeeded => Error == SettlementError.None;

    /// <summary>Sum of the booked payment amounts.</summary>
    public decimal Paid => Payments.Sum(p => p.Amount);
}
