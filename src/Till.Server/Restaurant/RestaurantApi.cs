using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;
using Till.Server.Orders;

namespace Till.Server.Restaurant;

internal sealed record HallRequest
{
    [Required] public Guid? BranchId { get; init; }
    [Required, StringLength(100, MinimumLength = 1)] public string? Name { get; init; }
    [Range(0, 10000)] public int? SortOrder { get; init; }
}

internal sealed record TableRequest
{
    [Required] public Guid? HallId { get; init; }
    [Required, StringLength(50, MinimumLength = 1)] public string? Name { get; init; }
    [Range(1, 100)] public int? Seats { get; init; }
}

internal sealed record TableStatusRequest
{
    [Required] public TableStatus? Status { get; init; }
}

internal sealed record MergeTablesRequest
{
    [Required] public Guid? SourceTableId { get; init; }
}

internal sealed record KitchenPrinterRequest
{
    [Required] public Guid? BranchId { get; init; }
    [Required, StringLength(100, MinimumLength = 1)] public string? Name { get; init; }
    [StringLength(200)] public string? Address { get; init; }
}

internal sealed record TableDto(Guid Id, Guid BranchId, Guid HallId, string Name, int Seats, TableStatus Status, IReadOnlyList<Guid> OpenOrderIds, long Version);

internal sealed record KitchenTicketDto(Guid Id, Guid BranchId, Guid OrderId, Guid? TableId, Guid? PrinterId, KitchenTicketStatus Status, string Content, DateTime CreatedAt);

/// <summary>Halls, tables with their status and open orders, moving and merging tables, kitchen tickets.</summary>
internal static class RestaurantApi
{
    public static RouteGroupBuilder MapRestaurantApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/restaurant").WithTags("Restaurant").RequireAuthorization(Permissions.OrdersView);

        group.MapGet("/halls", async ([FromQuery(Name = "branch_id")] Guid? branchId, TillDbContext db, CancellationToken ct) =>
            Results.Ok(await db.Halls.AsNoTracking().Where(h => branchId == null || h.BranchId == branchId).OrderBy(h => h.SortOrder).ThenBy(h => h.Name)
                .Select(h => new { h.Id, h.BranchId, h.Name, h.SortOrder, h.Version }).ToListAsync(ct)));
        group.MapPost("/halls", async Task<IResult> (HallRequest request, TillDbContext db, CancellationToken ct) =>
        {
            if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId, ct)) return Problems.Validation("branch_id", "No branch with this id.");
            var hall = new Hall { BranchId = request.BranchId!.Value, Name = request.Name!.Trim(), SortOrder = request.SortOrder ?? 0 };
            db.Halls.Add(hall);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/restaurant/halls/{hall.Id}", new { hall.Id, hall.BranchId, hall.Name, hall.SortOrder, hall.Version });
        }).RequireAuthorization(Permissions.TablesManage);

        group.MapGet("/tables", async ([FromQuery(Name = "branch_id")] Guid? branchId, [FromQuery(Name = "hall_id")] Guid? hallId, TillDbContext db, CancellationToken ct) =>
        {
            var tables = await db.RestaurantTables.AsNoTracking().Where(t => (branchId == null || t.BranchId == branchId) && (hallId == null || t.HallId == hallId))
                .OrderBy(t => t.Name).ToListAsync(ct);
            return Results.Ok(await WithOrdersAsync(db, tables, ct));
        });
        group.MapGet("/tables/{id:guid}", async (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.RestaurantTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } table
                ? Results.Ok((await WithOrdersAsync(db, [table], ct))[0]) : Problems.NotFound("The table"));
        group.MapPost("/tables", async Task<IResult> (TableRequest request, TillDbContext db, CancellationToken ct) =>
        {
            var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.Id == request.HallId, ct);
            if (hall is null) return Problems.Validation("hall_id", "No hall with this id.");
            var table = new RestaurantTable { BranchId = hall.BranchId, HallId = hall.Id, Name = request.Name!.Trim(), Seats = request.Seats ?? 4 };
            db.RestaurantTables.Add(table);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/restaurant/tables/{table.Id}", (await WithOrdersAsync(db, [table], ct))[0]);
        }).RequireAuthorization(Permissions.TablesManage);
        group.MapPut("/tables/{id:guid}/status", async (Guid id, TableStatusRequest request, TillDbContext db, CancellationToken ct) =>
        {
            var table = await db.RestaurantTables.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (table is null) return Problems.NotFound("The table");
            table.Status = request.Status!.Value;
            await db.SaveChangesAsync(ct);
            return Results.Ok((await WithOrdersAsync(db, [table], ct))[0]);
        }).RequireAuthorization(Permissions.TablesManage);
        group.MapPost("/tables/{id:guid}/merge", async (Guid id, MergeTablesRequest request, TillDbContext db, Tabs tabs, CancellationToken ct) =>
        {
            var target = await db.RestaurantTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (target is null) return Problems.NotFound("The table");
            if (request.SourceTableId == id) return Problems.Validation("source_table_id", "A table cannot be merged with itself.");
            var sources = await db.Orders.Where(o => o.TableId == request.SourceTableId && o.Status == OrderStatus.Open).OrderBy(o => o.OpenedAt).Select(o => o.Id).ToListAsync(ct);
            if (sources.Count == 0) return Problems.Unprocessable("The other table has no open order to merge.");
            var into = await db.Orders.Where(o => o.TableId == id && o.Status == OrderStatus.Open).OrderBy(o => o.OpenedAt).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
            try
            {
                foreach (var source in sources)
                {
                    if (into is { } target1) await tabs.MergeAsync(target1, source, ct);
                    else
                    {
                        await tabs.MoveTableAsync(source, id, ct);
                        into = source;
                    }
                }
            }
            catch (OrderRefusedException e)
            {
                return e.Error.ToResult();
            }
            var table = await db.RestaurantTables.AsNoTracking().FirstAsync(t => t.Id == id, ct);
            return Results.Ok((await WithOrdersAsync(db, [table], ct))[0]);
        }).RequireAuthorization(Permissions.TablesManage);

        group.MapPost("/printers", async Task<IResult> (KitchenPrinterRequest request, TillDbContext db, CancellationToken ct) =>
        {
            if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId, ct)) return Problems.Validation("branch_id", "No branch with this id.");
            var printer = new KitchenPrinter { BranchId = request.BranchId!.Value, Name = request.Name!.Trim(), Address = request.Address };
            db.KitchenPrinters.Add(printer);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/restaurant/printers/{printer.Id}", new { printer.Id, printer.BranchId, printer.Name, printer.Address });
        }).RequireAuthorization(Permissions.SettingsWrite);
        group.MapPost("/orders/{orderId:guid}/kitchen", async (Guid orderId, Kitchen kitchen, CancellationToken ct) =>
        {
            try
            {
                return await kitchen.SendAsync(orderId, ct) is { } t ? Results.Ok(ToDto(t)) : Results.NoContent();
            }
            catch (OrderRefusedException e)
            {
                return e.Error.ToResult();
            }
        }).RequireAuthorization(Permissions.OrdersCreate);
        group.MapGet("/kitchen-tickets", async ([FromQuery(Name = "branch_id")] Guid? branchId, [FromQuery(Name = "status")] KitchenTicketStatus? status, TillDbContext db, CancellationToken ct) =>
            Results.Ok((await db.KitchenTickets.AsNoTracking().Where(t => (branchId == null || t.BranchId == branchId) && (status == null || t.Status == status))
                .OrderBy(t => t.CreatedAt).Take(500).ToListAsync(ct)).Select(ToDto)));
        group.MapPost("/kitchen-tickets/{id:guid}/printed", async (Guid id, TillDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var ticket = await db.KitchenTickets.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket is null) return Problems.NotFound("The ticket");
            ticket.Status = KitchenTicketStatus.Printed;
            ticket.PrintedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return Results.Ok(ToDto(ticket));
        }).RequireAuthorization(Permissions.OrdersCreate);
        return group;
    }

    private static KitchenTicketDto ToDto(KitchenTicket t) => new(t.Id, t.BranchId, t.OrderId, t.TableId, t.PrinterId, t.Status, t.Content, t.CreatedAt);

    private static async Task<List<TableDto>> WithOrdersAsync(TillDbContext db, List<RestaurantTable> tables, CancellationToken ct)
    {
        var ids = tables.Select(t => (Guid?)t.Id).ToList();
        var open = await db.Orders.AsNoTracking().Where(o => ids.Contains(o.TableId) && o.Status == OrderStatus.Open)
            .OrderBy(o => o.OpenedAt).Select(o => new { o.Id, o.TableId }).ToListAsync(ct);
        return [.. tables.Select(t => new TableDto(t.Id, t.BranchId, t.HallId, t.Name, t.Seats, t.Status, [.. open.Where(o => o.TableId == t.Id).Select(o => o.Id)], t.Version))];
    }
}
