namespace Till.Core.Payments;

/// <summary>A payment as booked on the order.</summary>
/// <param name="Tendered">What was handed over (differs from <paramref name="Amount"/> only for cash that got change).</param>
/// <param name="Amount">What this payment contributes to the order total.</param>
public sealed record SettledPayment(PaymentMethodKind Kind, string? MethodCode, string? Reference, decimal Tendered, decimal Amount);
