using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;
using Till.Server.Inventory;

namespace Till.Server.Purchasing;

/// <summary>
/// Goods received from suppliers (stock in at cost) and purchase returns (stock out).
/// Cost rule: <b>last cost</b>. Receiving a line sets the product's cost to that line's unit cost,
/// so margins and stock valuation follow the latest supplier price; returns leave the cost alone.
/// </summary>
internal static class PurchasesApi
{
    public static RouteGroupBuilder MapPurchasesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/purchases").WithTags("Purchasing").RequireAuthorization(Permissions.StockView);

        group.MapGet("/", async ([AsParameters] PageQuery page, [AsParameters] PurchaseFilter filter, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Purchases.AsNoTracking();
            if (filter.KindValue is { } kind) query = query.Where(p => p.Kind == kind);
            if (filter.SupplierId is { } supplier) query = query.Where(p => p.SupplierId == supplier);
            if (filter.WarehouseId is { } warehouse) query = query.Where(p => p.WarehouseId == warehouse);
            if (page.SearchTerm is { } s) query = query.Where(p => p.Reference != null && EF.Functions.Like(p.Reference.ToLower(), $"%{s.ToLowerInvariant()}%"));
            return TypedResults.Ok(await query.OrderByDescending(p => p.ReceivedAt).ThenByDescending(p => p.Id)
                .Select(p => new PurchaseDto(p.Id, p.Kind, p.SupplierId, p.WarehouseId, p.Reference, p.ReturnOfId, p.ReceivedAt, p.Total, p.Notes, p.UserId,
                    new List<PurchaseLineDto>(), p.Version))
                .ToPageAsync(page, ct));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<PurchaseDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Purchases.AsNoTracking().Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, ct) is { } p
                ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound());
        group.MapPost("/", Receive).RequireAuthorization(Permissions.PurchasesWrite).AddEndpointFilter<IdempotencyFilter>();
        group.MapPost("/returns", Return).RequireAuthorization(Permissions.PurchasesWrite).AddEndpointFilter<IdempotencyFilter>();
        return group;
    }

    private static async Task<Results<Created<PurchaseDto>, ValidationProblem>> Receive(
        PurchaseRequest request, TillDbContext db, StockLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == request.SupplierId, ct)) return Problems.Validation("supplier_id", "No supplier with this id.");
        if (await WarehouseResolver.ResolveAsync(db, request.WarehouseId, ct) is not { } warehouseId)
            return Problems.Validation("warehouse_id", request.WarehouseId is null ? "Name a warehouse: you are not signed in to a branch." : "No warehouse with this id.");
        var lines = request.Lines!;
        var ids = lines.Select(l => l.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var missing = lines.FindIndex(l => !products.ContainsKey(l.ProductId!.Value));
        if (missing >= 0) return Problems.Validation($"lines[{missing}].product_id", "No product with this id.");

        var purchase = new Purchase
        {
            Kind = PurchaseKind.Receipt, SupplierId = request.SupplierId!.Value, WarehouseId = warehouseId, Reference = request.Reference?.Trim(),
            Notes = request.Notes, ReceivedAt = request.ReceivedAt?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, UserId = db.Tenant.UserId,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Purchases.Add(purchase);
        foreach (var line in lines)
        {
            var product = products[line.ProductId!.Value];
            var (quantity, cost) = (line.Quantity!.Value, line.UnitCost!.Value);
            purchase.Lines.Add(new PurchaseLine { PurchaseId = purchase.Id, ProductId = product.Id, Quantity = quantity, UnitCost = cost, Total = quantity * cost });
            // Last cost: the latest received price becomes the product's cost (audited and synced like any product edit).
            product.Cost = cost;
            if (product.TrackStock)
                await ledger.PostAsync(new StockPosting(warehouseId, product.Id, MovementType.Purchase, quantity, cost, "purchase", purchase.Id, purchase.Reference), ct);
        }

        purchase.Total = purchase.Lines.Sum(l => l.Total);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/purchases/{purchase.Id}", ToDto(purchase));
    }

    private static async Task<Results<Created<PurchaseDto>, ValidationProblem, ProblemHttpResult>> Return(
        PurchaseReturnRequest request, TillDbContext db, StockLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == request.SupplierId, ct)) return Problems.Validation("supplier_id", "No supplier with this id.");
        Guid warehouseId;
        Dictionary<Guid, decimal>? returnable = null;
        if (request.ReturnOfId is { } originalId)
        {
            var original = await db.Purchases.AsNoTracking().Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == originalId && p.Kind == PurchaseKind.Receipt, ct);
            if (original is null || original.SupplierId != request.SupplierId) return Problems.Validation("return_of_id", "No goods receipt from this supplier with this id.");
            warehouseId = request.WarehouseId ?? original.WarehouseId;
            var returned = await db.PurchaseLines.AsNoTracking()
                .Where(l => db.Purchases.Any(p => p.Id == l.PurchaseId && p.ReturnOfId == originalId))
                .Select(l => new { l.ProductId, l.Quantity }).ToListAsync(ct);
            returnable = original.Lines.GroupBy(l => l.ProductId)
                .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity) - returned.Where(r => r.ProductId == g.Key).Sum(r => r.Quantity));
        }
        else if (await WarehouseResolver.ResolveAsync(db, request.WarehouseId, ct) is { } resolved) warehouseId = resolved;
        else return Problems.Validation("warehouse_id", request.WarehouseId is null ? "Name a warehouse: you are not signed in to a branch." : "No warehouse with this id.");
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, ct)) return Problems.Validation("warehouse_id", "No warehouse with this id.");

        var lines = request.Lines!;
        var ids = lines.Select(l => l.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var missing = lines.FindIndex(l => !products.ContainsKey(l.ProductId!.Value));
        if (missing >= 0) return Problems.Validation($"lines[{missing}].product_id", "No product with this id.");
        if (returnable is not null)
        {
            foreach (var group in lines.GroupBy(l => l.ProductId!.Value))
            {
                var left = returnable.GetValueOrDefault(group.Key);
                if (group.Sum(l => l.Quantity!.Value) > left)
                    return Problems.Unprocessable($"Only {left:0.####} of '{products[group.Key].Name}' from that receipt can still be returned.",
                        new Dictionary<string, object?> { ["product_id"] = group.Key, ["returnable"] = left });
            }
        }

        var purchase = new Purchase
        {
            Kind = PurchaseKind.Return, SupplierId = request.SupplierId!.Value, WarehouseId = warehouseId, ReturnOfId = request.ReturnOfId,
            Reference = request.Reference?.Trim(), Notes = request.Notes, ReceivedAt = clock.GetUtcNow().UtcDateTime, UserId = db.Tenant.UserId,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Purchases.Add(purchase);
        foreach (var line in lines)
        {
            var product = products[line.ProductId!.Value];
            var (quantity, cost) = (line.Quantity!.Value, line.UnitCost ?? product.Cost);
            purchase.Lines.Add(new PurchaseLine { PurchaseId = purchase.Id, ProductId = product.Id, Quantity = quantity, UnitCost = cost, Total = quantity * cost });
            if (product.TrackStock)
                await ledger.PostAsync(new StockPosting(warehouseId, product.Id, MovementType.PurchaseReturn, -quantity, cost, "purchase_return", purchase.Id, purchase.Reference), ct);
        }

        purchase.Total = purchase.Lines.Sum(l => l.Total);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/purchases/{purchase.Id}", ToDto(purchase));
    }

    private static PurchaseDto ToDto(Purchase p) => new(
        p.Id, p.Kind, p.SupplierId, p.WarehouseId, p.Reference, p.ReturnOfId, p.ReceivedAt, p.Total, p.Notes, p.UserId,
        [.. p.Lines.Select(l => new PurchaseLineDto(l.Id, l.ProductId, l.Quantity, l.UnitCost, l.Total))], p.Version);
}
