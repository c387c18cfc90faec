using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Inventory;

/// <summary>Stock of one product: adjust or count it, see its levels and its movement history.</summary>
internal static class ProductStockApi
{
    public static RouteGroupBuilder MapProductStockApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/products/{id:guid}").WithTags("Inventory").RequireAuthorization(Permissions.StockView);
        group.MapPut("/stock", Adjust).RequireAuthorization(Permissions.StockAdjust).AddEndpointFilter<IdempotencyFilter>();
        group.MapGet("/stock", async Task<Results<Ok<List<StockLevelDto>>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
        {
            if (!await db.Products.AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
            return TypedResults.Ok(await InventoryApi.LevelsAsync(db, InventoryApi.LevelRows(db).Where(r => r.ProductId == id), ct));
        });
        group.MapGet("/movements", async Task<Results<Ok<PagedResponse<MovementDto>>, NotFound>> (
            Guid id, [AsParameters] PageQuery page, [FromQuery(Name = "warehouse_id")] Guid? warehouseId, TillDbContext db, CancellationToken ct) =>
        {
            if (!await db.Products.AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
            var query = db.StockMovements.AsNoTracking().Where(m => m.ProductId == id);
            if (warehouseId is { } w) query = query.Where(m => m.WarehouseId == w);
            return TypedResults.Ok(await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(MovementDto.Projection).ToPageAsync(page, ct));
        });
        return group;
    }

    private static async Task<Results<Ok<StockChangeDto>, NotFound, ValidationProblem>> Adjust(
        Guid id, StockAdjustRequest request, TillDbContext db, StockLedger ledger, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Cost, p.TrackStock }).FirstOrDefaultAsync(ct);
        if (product is null) return TypedResults.NotFound();
        if (!product.TrackStock) return Problems.Validation("movement_type", "This product does not track stock; turn track_stock on first.");
        if (await WarehouseResolver.ResolveAsync(db, request.WarehouseId, ct) is not { } warehouseId)
            return Problems.Validation("warehouse_id", request.WarehouseId is null ? "Name a warehouse: you are not signed in to a branch." : "No warehouse with this id.");

        // Begun before the first write: on SQLite this takes the write lock up front, so writers queue on busy_timeout.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        StockChangeDto result;
        if (request.MovementType == MovementType.Count)
        {
            var counted = await ledger.CountAsync(warehouseId, id, request.Quantity!.Value, product.Cost, request.Notes, null, ct);
            result = new StockChangeDto(counted.Movement is null ? null : MovementDto.From(counted.Movement), counted.Counted, counted.Counted < 0);
        }
        else
        {
            var posted = await ledger.PostAsync(new StockPosting(warehouseId, id, MovementType.Adjustment, request.Quantity!.Value, product.Cost, Notes: request.Notes), ct);
            result = new StockChangeDto(MovementDto.From(posted.Movement), posted.Level, posted.IsNegative);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(result);
    }
}

internal static class WarehouseResolver
{
    /// <summary>The named warehouse if it is the tenant's, else the default warehouse of the caller's branch (a till's own branch first).</summary>
    public static async Task<Guid?> ResolveAsync(TillDbContext db, Guid? requested, CancellationToken ct)
    {
        if (requested is { } id) return await db.Warehouses.AnyAsync(w => w.Id == id, ct) ? id : null;
        if ((db.Tenant.DeviceBranchId ?? db.Tenant.BranchId) is not { } branch) return null;
        return await db.Warehouses.Where(w => w.BranchId == branch && w.IsDefault).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
    }
}
