using Till.Core.Identity;
using Till.Core.Sync.Mutations;
using Till.Server.Orders;
using Till.Server.Sync;

namespace Till.Server.Shifts;

internal sealed class ShiftOpenMutation(ShiftBook book) : OrderMutation<ShiftOpen>
{
    public override string Kind => MutationKinds.ShiftOpen;
    public override string? Permission => Permissions.ShiftsOpen;

    protected override async Task<object?> ApplyAsync(MutationContext context, ShiftOpen p, CancellationToken ct)
    {
        Require(p.ShiftId != Guid.Empty && p.OpeningFloat >= 0, "A shift needs its shift_id and a float of zero or more.");
        var shift = await book.OpenAsync(p.ShiftId, context.Device.Id, p.OpeningFloat, ct);
        if (p.OpenedAt != default && p.OpenedAt < shift.OpenedAt) shift.OpenedAt = p.OpenedAt.ToUniversalTime();
        return ShiftBook.ToDto(shift);
    }
}

/// <summary><c>shift.close</c>: the counted cash; expected and variance are worked out from the server's ledger, not the till's view.</summary>
internal sealed class ShiftCloseMutation(ShiftBook book) : OrderMutation<ShiftClose>
{
    public override string Kind => MutationKinds.ShiftClose;
    public override string? Permission => Permissions.ShiftsClose;

    protected override async Task<object?> ApplyAsync(MutationContext context, ShiftClose p, CancellationToken ct)
    {
        Require(p.CountedCash >= 0, "The counted cash cannot be negative.");
        var shift = await book.CloseAsync(p.ShiftId, [new CountedAmount { Method = "CASH", Amount = p.CountedCash }], p.Note, ct);
        if (p.ClosedAt != default) shift.ClosedAt = p.ClosedAt.ToUniversalTime();
        return ShiftBook.ToDto(shift);
    }
}

internal sealed class CashMoveMutation(ShiftBook book) : OrderMutation<CashMove>
{
    public override string Kind => MutationKinds.CashMove;
    public override string? Permission => Permissions.ShiftsOpen;

    protected override async Task<object?> ApplyAsync(MutationContext context, CashMove p, CancellationToken ct)
    {
        Require(p.MovementId != Guid.Empty && p.Amount > 0, "A cash movement needs its movement_id and a positive amount.");
        var kind = p.Direction switch
        {
            "pay_in" => CashMovementKind.PayIn,
            "pay_out" => CashMovementKind.PayOut,
            _ => throw new MutationRejectedException("The direction is pay_in or pay_out."),
        };
        var m = await book.MoveCashAsync(p.MovementId, context.Device.Id, kind, p.Amount, p.Reason ?? "", ct, p.ShiftId == Guid.Empty ? null : p.ShiftId);
        return new CashMovementDto(m.Id, m.ShiftId, m.Kind, m.Amount, m.Reason, m.MovedAt);
    }
}

/// <summary><c>expense.add</c>: from the drawer when the till names its shift, otherwise a branch expense paid from a deposit.</summary>
internal sealed class ExpenseAddMutation(ShiftBook book) : OrderMutation<ExpenseAdd>
{
    public override string Kind => MutationKinds.ExpenseAdd;
    public override string? Permission => Permissions.ShiftsOpen;

    protected override async Task<object?> ApplyAsync(MutationContext context, ExpenseAdd p, CancellationToken ct)
    {
        Require(p.ExpenseId != Guid.Empty && p.Amount > 0 && !string.IsNullOrWhiteSpace(p.Description), "An expense needs its expense_id, a positive amount and a description.");
        var request = new ExpenseRequest
        {
            Id = p.ExpenseId, BranchId = context.BranchId, CategoryId = p.CategoryId, Amount = p.Amount, Description = p.Description,
            Source = p.ShiftId is null ? ExpenseSource.Deposit : ExpenseSource.Drawer, DepositSource = p.ShiftId is null ? "Recorded on the till" : null,
        };
        var e = await book.AddExpenseAsync(request, context.Device.Id, context.BranchId, ct);
        return new ExpenseDto(e.Id, e.BranchId, e.CategoryId, e.Amount, e.Description, e.Source, e.DepositSource, e.ShiftId, e.SpentAt);
    }
}
