namespace Till.Core.Sync.Mutations;

/// <summary><c>order.refund</c>: goods returned against an original order; stock goes back when <c>Restock</c>.</summary>
public sealed record OrderRefund(
    Guid RefundId,
    Guid OrderId,
    Guid? ShiftId,
    Guid WarehouseId,
    IReadOnlyList<RefundLinePayload> Lines,
    IReadOnlyList<OrderPaymentPayload> Payments,
    decimal Total,
    bool Restock,
    string? Reason,
    DateTime RefundedAt);
