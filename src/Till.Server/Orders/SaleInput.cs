using Till.Core.Pricing;

namespace Till.Server.Orders;

/// <summary>One line to sell. <see cref="UnitPrice"/> and <see cref="Name"/> come only from offline sales (what the till charged).</summary>
internal sealed record SaleLineInput(Guid ProductId, decimal Quantity)
{
    public Discount? Discount { get; init; }
    public IReadOnlyList<Guid> ModifierIds { get; init; } = [];
    public string? Note { get; init; }
    public decimal? UnitPrice { get; init; }
    public string? Name { get; init; }
}

/// <summary>One payment offered, by the tenant's method code.</summary>
internal sealed record TenderInput(string Method, decimal Amount, string? Reference = null);

/// <summary>
/// A sale to book, from the online checkout or from a till's offline <c>order.complete</c>. Both go
/// through <see cref="Checkout"/>: one set of rules, two doors.
/// </summary>
internal sealed record SaleInput(Guid BranchId, IReadOnlyList<SaleLineInput> Lines, IReadOnlyList<TenderInput> Payments)
{
    public Guid? OrderId { get; init; }
    public Guid? DeviceId { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? TableId { get; init; }
    public int? Guests { get; init; }
    public Discount? OrderDiscount { get; init; }
    public IReadOnlyList<string> Coupons { get; init; } = [];
    public long PointsToRedeem { get; init; }
    public string? Note { get; init; }

    /// <summary>Leave the order open as a tab: no payments, no stock yet.</summary>
    public bool Open { get; init; }

    /// <summary>Offline sales: the device's number, time of sale and the total it charged.</summary>
    public bool Offline { get; init; }
    public string? Number { get; init; }
    public DateTime? SoldAt { get; init; }
    public decimal? DeviceGrandTotal { get; init; }
}

/// <summary>Why a sale (or another order operation) was refused: a status code, the field at fault and a message.</summary>
internal sealed record OrderError(int Status, string Message, string? Field = null)
{
    public static OrderError Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, message, field);
    public static OrderError Unprocessable(string message) => new(StatusCodes.Status422UnprocessableEntity, message);
    public static OrderError Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);
    public static OrderError NotFound(string what) => new(StatusCodes.Status404NotFound, $"{what} was not found.");
    public static OrderError Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public IResult ToResult() => Status switch
    {
        StatusCodes.Status400BadRequest => Api.Problems.Validation(Field ?? "request", Message),
        StatusCodes.Status403Forbidden => Api.Problems.Forbidden(Message),
        StatusCodes.Status404NotFound => TypedResults.Problem(Message, statusCode: 404, title: "Not found"),
        StatusCodes.Status409Conflict => Api.Problems.Conflict(Message),
        _ => Api.Problems.Unprocessable(Message),
    };
}

/// <summary>Thrown inside an order operation to abandon it (the transaction rolls back) with an answer.</summary>
internal sealed class OrderRefusedException(OrderError error) : Exception(error.Message)
{
    public OrderError Error { get; } = error;
}
