using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;
using Till.Server.Orders;

namespace Till.Server.Shifts;

/// <summary>Shifts, the drawer's cash movements, expenses and the Z report.</summary>
internal static class ShiftsApi
{
    public static RouteGroupBuilder MapShiftsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/shifts").WithTags("Shifts").RequireAuthorization(Permissions.OrdersView);
        group.MapGet("/", async ([AsParameters] PageQuery page, [FromQuery(Name = "device_id")] Guid? deviceId, [FromQuery(Name = "status")] ShiftStatus? status, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Shifts.AsNoTracking();
            if (deviceId is { } device) query = query.Where(s => s.DeviceId == device);
            if (status is { } st) query = query.Where(s => s.Status == st);
            var result = await query.OrderByDescending(s => s.OpenedAt).ToPageAsync(page, ct);
            return Results.Ok(new PagedResponse<ShiftDto>([.. result.Data.Select(ShiftBook.ToDto)], result.Meta));
        });
        group.MapGet("/current", async (TillDbContext db, CancellationToken ct) =>
            db.Tenant.DeviceId is { } device && await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.DeviceId == device && s.Status == ShiftStatus.Open, ct) is { } shift
                ? Results.Ok(ShiftBook.ToDto(shift)) : Problems.NotFound("An open shift of this till"));
        group.MapGet("/{id:guid}", async (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } shift ? Results.Ok(ShiftBook.ToDto(shift)) : Problems.NotFound("The shift"));
        group.MapPost("/", async (OpenShiftRequest request, TillDbContext db, ShiftBook book, CancellationToken ct) =>
        {
            if ((request.DeviceId ?? db.Tenant.DeviceId) is not { } device) return Problems.Validation("device_id", "A shift belongs to a till: sign in on one or name it.");
            return await Run(async () =>
            {
                var shift = await book.OpenAsync(request.Id, device, request.OpeningFloat!.Value, ct);
                return TypedResults.Created($"/api/shifts/{shift.Id}", ShiftBook.ToDto(shift));
            });
        }).RequireAuthorization(Permissions.ShiftsOpen).AddEndpointFilter<IdempotencyFilter>();
        group.MapPost("/{id:guid}/close", async (Guid id, CloseShiftRequest request, ShiftBook book, CancellationToken ct) =>
            await Run(async () => Results.Ok(ShiftBook.ToDto(await book.CloseAsync(id, request.Counted!, request.Notes, ct)))))
            .RequireAuthorization(Permissions.ShiftsClose).AddEndpointFilter<IdempotencyFilter>();
        group.MapGet("/{id:guid}/z-report", async (Guid id, TillDbContext db, ShiftBook book, CancellationToken ct) =>
            await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } shift ? Results.Ok(await book.ZReportAsync(shift, ct)) : Problems.NotFound("The shift"))
            .RequireAuthorization(Permissions.ShiftsClose);
        group.MapGet("/{id:guid}/cash-movements", async (Guid id, TillDbContext db, CancellationToken ct) =>
            Results.Ok(await db.CashMovements.AsNoTracking().Where(m => m.ShiftId == id).OrderBy(m => m.MovedAt)
                .Select(m => new CashMovementDto(m.Id, m.ShiftId, m.Kind, m.Amount, m.Reason, m.MovedAt)).ToListAsync(ct)));

        var cash = routes.MapGroup("/api/cash-movements").WithTags("Shifts").RequireAuthorization(Permissions.ShiftsOpen);
        cash.MapPost("/", async (CashMoveRequest request, TillDbContext db, ShiftBook book, CancellationToken ct) =>
        {
            if (db.Tenant.DeviceId is not { } device) return Problems.Validation("device_id", "Cash moves in a till's drawer: sign in on the till.");
            if (request.Kind == CashMovementKind.Expense) return Problems.Validation("kind", "Record expenses through /api/expenses.");
            return await Run(async () =>
            {
                var m = await book.MoveCashAsync(request.Id, device, request.Kind!.Value, request.Amount!.Value, request.Reason!, ct);
                return TypedResults.Created($"/api/cash-movements/{m.Id}", new CashMovementDto(m.Id, m.ShiftId, m.Kind, m.Amount, m.Reason, m.MovedAt));
            });
        }).AddEndpointFilter<IdempotencyFilter>();

        var expenses = routes.MapGroup("/api/expenses").WithTags("Shifts").RequireAuthorization(Permissions.OrdersView);
        expenses.MapGet("/", async ([AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
            Results.Ok(await db.Expenses.AsNoTracking().OrderByDescending(e => e.SpentAt)
                .Select(e => new ExpenseDto(e.Id, e.BranchId, e.CategoryId, e.Amount, e.Description, e.Source, e.DepositSource, e.ShiftId, e.SpentAt)).ToPageAsync(page, ct)));
        expenses.MapPost("/", async (ExpenseRequest request, TillDbContext db, ShiftBook book, CancellationToken ct) =>
            await Run(async () =>
            {
                var e = await book.AddExpenseAsync(request, db.Tenant.DeviceId, db.Tenant.DeviceBranchId ?? db.Tenant.BranchId, ct);
                return TypedResults.Created($"/api/expenses/{e.Id}", new ExpenseDto(e.Id, e.BranchId, e.CategoryId, e.Amount, e.Description, e.Source, e.DepositSource, e.ShiftId, e.SpentAt));
            })).RequireAuthorization(Permissions.ShiftsOpen).AddEndpointFilter<IdempotencyFilter>();
        expenses.MapGet("/categories", async (TillDbContext db, CancellationToken ct) =>
            Results.Ok(await db.ExpenseCategories.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.Version }).ToListAsync(ct)));
        expenses.MapPost("/categories", async Task<IResult> (ExpenseCategoryRequest request, TillDbContext db, CancellationToken ct) =>
        {
            var name = request.Name!.Trim();
            if (await db.ExpenseCategories.AnyAsync(c => c.Name == name, ct)) return Problems.Conflict($"An expense category '{name}' exists.");
            var category = new ExpenseCategory { Name = name };
            db.ExpenseCategories.Add(category);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/expenses/categories/{category.Id}", new { category.Id, category.Name, category.Version });
        }).RequireAuthorization(Permissions.SettingsWrite);
        return group;
    }

    private static async Task<IResult> Run(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (OrderRefusedException e)
        {
            return e.Error.ToResult();
        }
    }
}
