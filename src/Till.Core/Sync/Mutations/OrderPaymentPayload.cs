namespace Till.Core.Sync.Mutations;

/// <summary>One payment of an order. <c>Method</c> is a <see cref="Payments.PaymentMethodKind"/> in snake_case (cash, card, e_wallet, bank_transfer, custom).</summary>
public sealed record OrderPaymentPayload(string Method, decimal Amount, decimal Tendered, decimal Change, string? MethodCode = null, string? Reference = null);
