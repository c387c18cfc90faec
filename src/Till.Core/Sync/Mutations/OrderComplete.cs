namespace Till.Core.Sync.Mutations;

/// <summary>
/// <c>order.complete</c>: a sale that happened. A fact: the server records it even when prices
/// changed or stock goes negative. <c>OrderId</c> is generated on the device (UUIDv7) and
/// <c>Number</c> comes from the device's own receipt series.
/// </summary>
public sealed record OrderComplete(
    Guid OrderId,
    string Number,
    Guid? ShiftId,
    Guid? CashierId,
    Guid? CustomerId,
    Guid WarehouseId,
    string OrderType,
    Guid? TableId,
    string Currency,
    IReadOnlyList<OrderLinePayload> Lines,
    IReadOnlyList<OrderPaymentPayload> Payments,
    decimal Subtotal,
    decimal DiscountTotal,
    decimal TaxTotal,
    decimal Rounding,
    decimal GrandTotal,
    long LoyaltyPointsEarned,
    long LoyaltyPointsRedeemed,
    DateTime CompletedAt);
