using System.ComponentModel.DataAnnotations;
using Till.Core.Identity;
using Till.Server.Orders;
using Till.Server.Sync;

namespace Till.Server.Shifts;

internal sealed record CloseShiftPayload
{
    [Required] public Guid? ShiftId { get; init; }
    [Required] public CloseShiftRequest? Close { get; init; }
}

internal sealed class ShiftOpenMutation(ShiftBook book) : OrderMutation<OpenShiftRequest>
{
    public override string Kind => "shift.open";
    public override string? Permission => Permissions.ShiftsOpen;

    protected override async Task<object?> ApplyAsync(MutationContext context, OpenShiftRequest payload, CancellationToken ct)
    {
        if (payload.Id is null) throw new MutationRejectedException("An offline shift needs its id.");
        return ShiftBook.ToDto(await book.OpenAsync(payload.Id, context.Device.Id, payload.OpeningFloat!.Value, ct));
    }
}

internal sealed class ShiftCloseMutation(ShiftBook book) : OrderMutation<CloseShiftPayload>
{
    public override string Kind => "shift.close";
    public override string? Permission => Permissions.ShiftsClose;

    protected override async Task<object?> ApplyAsync(MutationContext context, CloseShiftPayload payload, CancellationToken ct) =>
        ShiftBook.ToDto(await book.CloseAsync(payload.ShiftId!.Value, payload.Close!.Counted!, payload.Close.Notes, ct));
}

internal sealed class CashMoveMutation(ShiftBook book) : OrderMutation<CashMoveRequest>
{
    public override string Kind => "cash.move";
    public override string? Permission => Permissions.ShiftsOpen;

    protected override async Task<object?> ApplyAsync(MutationContext context, CashMoveRequest payload, CancellationToken ct)
    {
        if (payload.Id is null) throw new MutationRejectedException("An offline cash movement needs its id.");
        if (payload.Kind == CashMovementKind.Expense) throw new MutationRejectedException("Record expenses with expense.add.");
        var m = await book.MoveCashAsync(payload.Id, context.Device.Id, payload.Kind!.Value, payload.Amount!.Value, payload.Reason!, ct);
        return new CashMovementDto(m.Id, m.ShiftId, m.Kind, m.Amount, m.Reason, m.MovedAt);
    }
}

internal sealed class ExpenseAddMutation(ShiftBook book) : OrderMutation<ExpenseRequest>
{
    public override string Kind => "expense.add";
    public override string? Permission => Permissions.ShiftsOpen;

    protected override async Task<object?> ApplyAsync(MutationContext context, ExpenseRequest payload, CancellationToken ct)
    {
        if (payload.Id is null) throw new MutationRejectedException("An offline expense needs its id.");
        var e = await book.AddExpenseAsync(payload with { BranchId = context.BranchId }, context.Device.Id, context.BranchId, ct);
        return new ExpenseDto(e.Id, e.BranchId, e.CategoryId, e.Amount, e.Description, e.Source, e.DepositSource, e.ShiftId, e.SpentAt);
    }
}
