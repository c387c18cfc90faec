namespace Till.Core.Sync.Mutations;

/// <summary><c>order.refund</c> (<c>Id</c> is the refund's own id): goods returned against an original order; stock goes back when <c>Restock</c>.</summary>
public sealed record OrderRefund(
    Guid Id,
    Guid OrderId,
    Guid? ShiftId,
    Guid WarehouseId,
    IReadOnlyList<RefundLinePayload> Lines,
    IReadOnlyList<OrderPaymentPayload> Payments,
    decimal Total,
    bool Restock,
    string? Reason,
    DateTime RefundedAt);
