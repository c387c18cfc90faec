namespace Till.Core.Payments;

/// <summary>One payment offered at checkout.</summary>
/// <param name="Kind">The kind of payment.</param>
/// <param name="Amount">For cash, what the customer hands over (change comes back from it); otherwise the amount charged.</param>
/// <param name="MethodCode">The tenant's payment method code, e.g. <c>QRIS</c> or <c>VISA</c>.</param>
/// <param name="Reference">Card approval code, transfer reference and the like.</param>
public sealed record Tender(PaymentMethodKind Kind, decimal Amount, string? MethodCode = null, string? Reference = null);
