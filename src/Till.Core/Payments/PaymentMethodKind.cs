namespace Till.Core.Payments;

/// <summary>The kinds of payment a till accepts. Only cash gives change.</summary>
public enum PaymentMethodKind
{
    Cash,
    Card,
    EWallet,
    BankTransfer,

    /// <summary>A payment app the tenant configured (named by <see cref="Tender.MethodCode"/>).</summary>
    Custom,

    /// <summary>Loyalty points redeemed on the order (see <c>PricedOrder.Loyalty</c>).</summary>
    LoyaltyPoints,
}
