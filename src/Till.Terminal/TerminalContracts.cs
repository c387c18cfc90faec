using Till.Core.Payments;

namespace Till.Terminal;

internal sealed record PinLoginRequest(string? Username, string? Pin);

internal sealed record SaleLineRequest(Guid ProductId, decimal Quantity, string? Note);

internal sealed record PaymentRequest(PaymentMethodKind Method, decimal Amount, string? Reference);

internal sealed record SaleRequestBody(
    IReadOnlyList<SaleLineRequest>? Lines, IReadOnlyList<PaymentRequest>? Payments, Guid? CustomerId, string? OrderType, Guid? TableId);

internal sealed record RefundLineRequest(Guid LineId, decimal Quantity);

internal sealed record RefundRequestBody(IReadOnlyList<RefundLineRequest>? Lines, PaymentMethodKind? Method, bool? Restock, string? Reason);

internal sealed record VoidRequestBody(string? Reason);

internal sealed record OpenShiftBody(decimal OpeningFloat);

internal sealed record CloseShiftBody(decimal CountedCash, string? Note);

internal sealed record CashMoveBody(string? Direction, decimal Amount, string? Reason);

internal sealed record CustomerBody(Guid? Id, string? Name, string? Code, string? Phone, string? Email);

internal sealed record OpenTabBody(Guid? TableId, int? Guests, Guid? CustomerId, string? OrderType);

internal sealed record TabLineBody(Guid ProductId, decimal Quantity, string? Note);

internal sealed record TabQuantityBody(decimal Quantity);

internal sealed record MoveTabBody(Guid? TableId);

internal sealed record PayTabBody(IReadOnlyList<PaymentRequest>? Payments);
