using System.ComponentModel.DataAnnotations;

namespace Till.Server.Shifts;

internal sealed record OpenShiftRequest
{
    /// <summary>Client-made id: opening the same shift twice opens it once.</summary>
    public Guid? Id { get; init; }

    /// <summary>Defaults to the signed-in device.</summary>
    public Guid? DeviceId { get; init; }
    [Required, Range(typeof(decimal), "0", "1000000000000")] public decimal? OpeningFloat { get; init; }
}

internal sealed record CountedAmount
{
    [Required, StringLength(32)] public string? Method { get; init; }
    [Required, Range(typeof(decimal), "0", "1000000000000")] public decimal? Amount { get; init; }
}

internal sealed record CloseShiftRequest
{
    /// <summary>What was counted per method; a method not listed counts as expected (e.g. card totals from the terminal).</summary>
    [Required, MinLength(1), MaxLength(50)] public List<CountedAmount>? Counted { get; init; }
    [StringLength(1000)] public string? Notes { get; init; }
}

internal sealed record CashMoveRequest
{
    public Guid? Id { get; init; }
    [Required] public CashMovementKind? Kind { get; init; }
    [Required, Range(typeof(decimal), "0.0001", "1000000000000")] public decimal? Amount { get; init; }
    [Required, StringLength(500, MinimumLength = 1)] public string? Reason { get; init; }
}

internal sealed record ExpenseRequest : IValidatableObject
{
    public Guid? Id { get; init; }
    public Guid? BranchId { get; init; }
    [Required] public Guid? CategoryId { get; init; }
    [Required, Range(typeof(decimal), "0.0001", "1000000000000")] public decimal? Amount { get; init; }
    [Required, StringLength(500, MinimumLength = 1)] public string? Description { get; init; }
    [Required] public ExpenseSource? Source { get; init; }
    [StringLength(100)] public string? DepositSource { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Source == ExpenseSource.Deposit && string.IsNullOrWhiteSpace(DepositSource))
            yield return new ValidationResult("Name the deposit the money came from (e.g. BCA account).", [nameof(DepositSource)]);
    }
}

internal sealed record ExpenseCategoryRequest
{
    [Required, StringLength(100, MinimumLength = 1)] public string? Name { get; init; }
}

internal sealed record MethodTotal(string Method, decimal Expected, decimal Counted, decimal Variance);

internal sealed record ShiftDto(
    Guid Id, Guid BranchId, Guid DeviceId, ShiftStatus Status, DateTime OpenedAt, DateTime? ClosedAt, Guid? OpenedBy, Guid? ClosedBy,
    decimal OpeningFloat, decimal? ExpectedCash, decimal? CountedCash, decimal? CashVariance, IReadOnlyList<MethodTotal>? Methods, string? Notes, long Version);

internal sealed record CashMovementDto(Guid Id, Guid ShiftId, CashMovementKind Kind, decimal Amount, string Reason, DateTime MovedAt);

internal sealed record ExpenseDto(Guid Id, Guid BranchId, Guid CategoryId, decimal Amount, string Description, ExpenseSource Source, string? DepositSource, Guid? ShiftId, DateTime SpentAt);

internal sealed record ZPayment(string Method, decimal Sales, decimal Refunds, decimal Net);

/// <summary>The end-of-shift report: what was sold, refunded and voided, by method, and the drawer.</summary>
internal sealed record ZReport(
    Guid ShiftId, Guid BranchId, Guid DeviceId, ShiftStatus Status, DateTime OpenedAt, DateTime? ClosedAt,
    int Orders, decimal Sales, decimal Discounts, decimal Tax, int Voids, decimal VoidedTotal, int Refunds, decimal RefundedTotal,
    IReadOnlyList<ZPayment> Payments, decimal OpeningFloat, decimal PayIns, decimal PayOuts, decimal Expenses,
    decimal ExpectedCash, decimal? CountedCash, decimal? CashVariance);
