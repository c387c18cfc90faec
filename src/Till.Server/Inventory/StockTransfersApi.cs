using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Inventory;

/// <summary>
/// Transfers between warehouses (in one branch, across branches, or onto a van). Each line writes
/// an out movement at the source and an in movement at the destination, all in one transaction.
/// </summary>
internal static class StockTransfersApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/transfers", Create).RequireAuthorization(Permissions.StockAdjust).AddEndpointFilter<IdempotencyFilter>();
        group.MapGet("/transfers", async ([AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.StockTransfers.AsNoTracking().OrderByDescending(t => t.CreatedAt)
                .Select(t => new TransferDto(t.Id, t.FromWarehouseId, t.ToWarehouseId, t.Notes, t.LineCount, t.UserId, t.CreatedAt, new List<MovementDto>()))
                .ToPageAsync(page, ct)));
        group.MapGet("/transfers/{id:guid}", async Task<Results<Ok<TransferDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
        {
            var transfer = await db.StockTransfers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (transfer is null) return TypedResults.NotFound();
            var movements = await db.StockMovements.AsNoTracking().Where(m => m.ReferenceId == id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
                .Select(MovementDto.Projection).ToListAsync(ct);
            return TypedResults.Ok(new TransferDto(transfer.Id, transfer.FromWarehouseId, transfer.ToWarehouseId, transfer.Notes, transfer.LineCount, transfer.UserId, transfer.CreatedAt, movements));
        });
    }

    private static async Task<Results<Created<TransferDto>, ValidationProblem>> Create(TransferRequest request, TillDbContext db, StockLedger ledger, CancellationToken ct)
    {
        var warehouses = await db.Warehouses.AsNoTracking().Where(w => w.Id == request.FromWarehouseId || w.Id == request.ToWarehouseId).ToListAsync(ct);
        var from = warehouses.FirstOrDefault(w => w.Id == request.FromWarehouseId);
        var to = warehouses.FirstOrDefault(w => w.Id == request.ToWarehouseId);
        if (from is null) return Problems.Validation("from_warehouse_id", "No warehouse with this id.");
        if (to is null) return Problems.Validation("to_warehouse_id", "No warehouse with this id.");

        var transfer = new StockTransfer { FromWarehouseId = from.Id, ToWarehouseId = to.Id, Notes = request.Notes, LineCount = request.Lines!.Count, UserId = db.Tenant.UserId };
        var inType = to.Kind == WarehouseKind.Van ? MovementType.VanLoad : MovementType.TransferIn;
        var movements = new List<MovementDto>();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.StockTransfers.Add(transfer);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var product = await db.Products.AsNoTracking().Where(p => p.Id == line.ProductId).Select(p => new { p.Cost, p.TrackStock }).FirstOrDefaultAsync(ct);
            if (product is null || !product.TrackStock)
            {
                // Earlier lines are already posted in this transaction: undo them all.
                await tx.RollbackAsync(ct);
                return Problems.Validation($"lines[{i}].product_id", product is null ? "No product with this id." : "This product does not track stock.");
            }

            var note = $"Transfer {from.Code} -> {to.Code}" + (request.Notes is null ? "" : $": {request.Notes}");
            var outPosted = await ledger.PostAsync(new StockPosting(from.Id, line.ProductId!.Value, MovementType.TransferOut, -line.Quantity!.Value, product.Cost, "transfer", transfer.Id, note), ct);
            var inPosted = await ledger.PostAsync(new StockPosting(to.Id, line.ProductId!.Value, inType, line.Quantity!.Value, product.Cost, "transfer", transfer.Id, note), ct);
            movements.Add(MovementDto.From(outPosted.Movement));
            movements.Add(MovementDto.From(inPosted.Movement));
        }

        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/inventory/transfers/{transfer.Id}",
            new TransferDto(transfer.Id, transfer.FromWarehouseId, transfer.ToWarehouseId, transfer.Notes, transfer.LineCount, transfer.UserId, transfer.CreatedAt, movements));
    }
}
