using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Till.Core.Payments;
using Till.Core.Sync;
using Till.Server.Data;
using Till.Server.Orders;

namespace Till.Server.Shifts;

/// <summary>
/// Shifts and the drawer: opening with a float, pay-ins, pay-outs and expenses, the counted close
/// and the Z report. Every figure is a sum of stored rows (order payments and cash movements of the
/// shift), so the Z report always adds up to what happened.
/// </summary>
internal sealed class ShiftBook(TillDbContext db, TimeProvider clock)
{
    public const string OtherCategory = "Other";

    public async Task<Shift> OpenAsync(Guid? id, Guid deviceId, decimal openingFloat, CancellationToken ct)
    {
        if (id is { } known && await db.Shifts.FirstOrDefaultAsync(s => s.Id == known, ct) is { } existing) return existing;
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId, ct)
            ?? throw Checkout.Refuse(OrderError.Invalid("device_id", "No device with this id."));
        if (await db.Shifts.AnyAsync(s => s.DeviceId == deviceId && s.Status == ShiftStatus.Open, ct))
            throw Checkout.Refuse(OrderError.Conflict($"Till {device.Code} already has an open shift; close it first."));
        var shift = new Shift
        {
            Id = id ?? RowId.New(), BranchId = device.BranchId, DeviceId = device.Id, Status = ShiftStatus.Open,
            OpenedBy = db.Tenant.UserId, OpenedAt = clock.GetUtcNow().UtcDateTime, OpeningFloat = openingFloat,
        };
        db.Shifts.Add(shift);
        await db.SaveChangesAsync(ct);
        return shift;
    }

    public async Task<CashMovement> MoveCashAsync(Guid? id, Guid deviceId, CashMovementKind kind, decimal amount, string reason, CancellationToken ct, Guid? shiftId = null)
    {
        if (id is { } known && await db.CashMovements.FirstOrDefaultAsync(m => m.Id == known, ct) is { } existing) return existing;
        var shift = shiftId is { } chosen
            ? await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == chosen && s.DeviceId == deviceId, ct) ?? throw Checkout.Refuse(OrderError.Invalid("shift_id", "No shift of this till with this id."))
            : await OpenShiftAsync(deviceId, ct);
        var movement = new CashMovement
        {
            Id = id ?? RowId.New(), ShiftId = shift.Id, BranchId = shift.BranchId, Kind = kind,
            Amount = kind == CashMovementKind.PayIn ? amount : -amount, Reason = reason.Trim(), UserId = db.Tenant.UserId, MovedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CashMovements.Add(movement);
        await db.SaveChangesAsync(ct);
        return movement;
    }

    public async Task<Expense> AddExpenseAsync(ExpenseRequest request, Guid? deviceId, Guid? branchId, CancellationToken ct)
    {
        if (request.Id is { } known && await db.Expenses.FirstOrDefaultAsync(e => e.Id == known, ct) is { } existing) return existing;
        if (request.CategoryId is null)
        {
            // Tills may record an expense without a category: it goes to "Other".
            var other = await db.ExpenseCategories.FirstOrDefaultAsync(c => c.Name == OtherCategory, ct);
            if (other is null) db.ExpenseCategories.Add(other = new ExpenseCategory { Name = OtherCategory });
            request = request with { CategoryId = other.Id };
        }
        else if (!await db.ExpenseCategories.AnyAsync(c => c.Id == request.CategoryId, ct))
            throw Checkout.Refuse(OrderError.Invalid("category_id", "No expense category with this id."));
        var expense = new Expense
        {
            Id = request.Id ?? RowId.New(), CategoryId = request.CategoryId!.Value, Amount = request.Amount!.Value,
            Description = request.Description!.Trim(), Source = request.Source!.Value, DepositSource = request.DepositSource?.Trim(),
            UserId = db.Tenant.UserId, SpentAt = clock.GetUtcNow().UtcDateTime,
        };
        if (expense.Source == ExpenseSource.Drawer)
        {
            if (deviceId is null) throw Checkout.Refuse(OrderError.Invalid("source", "Only a till with an open shift can pay an expense from its drawer."));
            var shift = await OpenShiftAsync(deviceId.Value, ct);
            var movement = new CashMovement
            {
                ShiftId = shift.Id, BranchId = shift.BranchId, Kind = CashMovementKind.Expense, Amount = -expense.Amount,
                Reason = expense.Description, UserId = db.Tenant.UserId, MovedAt = expense.SpentAt,
            };
            db.CashMovements.Add(movement);
            expense.BranchId = shift.BranchId;
            expense.ShiftId = shift.Id;
            expense.CashMovementId = movement.Id;
        }
        else
        {
            var branch = request.BranchId ?? branchId ?? throw Checkout.Refuse(OrderError.Invalid("branch_id", "Name the branch of the expense."));
            if (!await db.Branches.AnyAsync(b => b.Id == branch, ct)) throw Checkout.Refuse(OrderError.Invalid("branch_id", "No branch with this id."));
            expense.BranchId = branch;
        }
        db.Expenses.Add(expense);
        await db.SaveChangesAsync(ct);
        return expense;
    }

    public async Task<Shift> CloseAsync(Guid shiftId, IReadOnlyList<CountedAmount> counted, string? notes, CancellationToken ct)
    {
        var shift = await db.Shifts.FirstOrDefaultAsync(s => s.Id == shiftId, ct) ?? throw Checkout.Refuse(OrderError.NotFound("The shift"));
        if (shift.Status == ShiftStatus.Closed) return shift;
        var expected = await ExpectedAsync(shift, ct);
        var counts = counted.GroupBy(c => c.Method!.Trim().ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount!.Value));
        var methods = expected.Keys.Union(counts.Keys).Order(StringComparer.Ordinal)
            .Select(m =>
            {
                var e = expected.GetValueOrDefault(m);
                var c = counts.TryGetValue(m, out var value) ? value : e;
                return new MethodTotal(m, e, c, c - e);
            }).ToList();
        var cash = methods.FirstOrDefault(m => m.Method == "CASH") ?? new MethodTotal("CASH", 0, 0, 0);
        shift.Status = ShiftStatus.Closed;
        shift.ClosedAt = clock.GetUtcNow().UtcDateTime;
        shift.ClosedBy = db.Tenant.UserId;
        shift.ExpectedCash = cash.Expected;
        shift.CountedCash = cash.Counted;
        shift.CashVariance = cash.Variance;
        shift.CloseSummary = JsonSerializer.Serialize(methods, Checkout.Json);
        shift.Notes = notes;
        if (cash.Variance != 0)
            Activities.ActivityFeed.Record(db, "shift.cash_variance", $"A shift closed with a cash variance of {cash.Variance:0.##}.", shift.BranchId, new { shift_id = shift.Id, variance = cash.Variance });
        await db.SaveChangesAsync(ct);
        return shift;
    }

    public async Task<ZReport> ZReportAsync(Shift shift, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking().Where(o => o.ShiftId == shift.Id && o.Status != OrderStatus.Open)
            .Select(o => new { o.Status, o.GrandTotal, o.ManualDiscountTotal, o.PromotionDiscountTotal, o.TaxTotal }).ToListAsync(ct);
        var sold = orders.Where(o => o.Status == OrderStatus.Completed).ToList();
        var voided = orders.Where(o => o.Status == OrderStatus.Voided).ToList();
        var refunds = await db.OrderRefunds.AsNoTracking().Where(r => r.ShiftId == shift.Id).Select(r => r.Total).ToListAsync(ct);
        var payments = await db.OrderPayments.AsNoTracking().Where(p => p.ShiftId == shift.Id).Select(p => new { p.MethodCode, p.Amount }).ToListAsync(ct);
        var movements = await db.CashMovements.AsNoTracking().Where(m => m.ShiftId == shift.Id).Select(m => new { m.Kind, m.Amount }).ToListAsync(ct);
        var byMethod = payments.GroupBy(p => p.MethodCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ZPayment(g.Key, g.Where(p => p.Amount > 0).Sum(p => p.Amount), -g.Where(p => p.Amount < 0).Sum(p => p.Amount), g.Sum(p => p.Amount))).ToList();
        var expected = (await ExpectedAsync(shift, ct)).GetValueOrDefault("CASH");
        return new ZReport(shift.Id, shift.BranchId, shift.DeviceId, shift.Status, shift.OpenedAt, shift.ClosedAt,
            sold.Count, sold.Sum(o => o.GrandTotal), sold.Sum(o => o.ManualDiscountTotal + o.PromotionDiscountTotal), sold.Sum(o => o.TaxTotal),
            voided.Count, voided.Sum(o => o.GrandTotal), refunds.Count, refunds.Sum(),
            byMethod, shift.OpeningFloat,
            movements.Where(m => m.Kind == CashMovementKind.PayIn).Sum(m => m.Amount),
            -movements.Where(m => m.Kind == CashMovementKind.PayOut).Sum(m => m.Amount),
            -movements.Where(m => m.Kind == CashMovementKind.Expense).Sum(m => m.Amount),
            expected, shift.CountedCash, shift.CashVariance);
    }

    public static ShiftDto ToDto(Shift s) => new(s.Id, s.BranchId, s.DeviceId, s.Status, s.OpenedAt, s.ClosedAt, s.OpenedBy, s.ClosedBy,
        s.OpeningFloat, s.ExpectedCash, s.CountedCash, s.CashVariance,
        s.CloseSummary is null ? null : JsonSerializer.Deserialize<List<MethodTotal>>(s.CloseSummary, Checkout.Json), s.Notes, s.Version);

    /// <summary>What should be in hand per method: payments less refunds, and for cash also the float and the drawer's movements.</summary>
    private async Task<Dictionary<string, decimal>> ExpectedAsync(Shift shift, CancellationToken ct)
    {
        var payments = await db.OrderPayments.AsNoTracking().Where(p => p.ShiftId == shift.Id && p.Kind != PaymentMethodKind.LoyaltyPoints)
            .Select(p => new { p.MethodCode, p.Kind, p.Amount }).ToListAsync(ct);
        var movements = (await db.CashMovements.AsNoTracking().Where(m => m.ShiftId == shift.Id).Select(m => m.Amount).ToListAsync(ct)).Sum();
        var expected = payments.Where(p => p.Kind != PaymentMethodKind.Cash).GroupBy(p => p.MethodCode).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount), StringComparer.Ordinal);
        expected["CASH"] = shift.OpeningFloat + payments.Where(p => p.Kind == PaymentMethodKind.Cash).Sum(p => p.Amount) + movements;
        return expected;
    }

    private async Task<Shift> OpenShiftAsync(Guid deviceId, CancellationToken ct) =>
        await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.DeviceId == deviceId && s.Status == ShiftStatus.Open, ct)
        ?? throw Checkout.Refuse(OrderError.Unprocessable("The till has no open shift; open one first."));
}
