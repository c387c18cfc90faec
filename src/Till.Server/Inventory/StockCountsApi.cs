using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Sync;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Inventory;

/// <summary>A stock count: each counted quantity becomes a count movement of the difference, all in one transaction.</summary>
internal static class StockCountsApi
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/counts", Create).RequireAuthorization(Permissions.StockAdjust).AddEndpointFilter<IdempotencyFilter>();

    private static async Task<Results<Ok<CountDto>, ValidationProblem>> Create(CountRequest request, TillDbContext db, StockLedger ledger, CancellationToken ct)
    {
        if (await WarehouseResolver.ResolveAsync(db, request.WarehouseId, ct) is not { } warehouseId)
            return Problems.Validation("warehouse_id", request.WarehouseId is null ? "Name a warehouse: you are not signed in to a branch." : "No warehouse with this id.");
        var requested = request.Lines!;
        var ids = requested.Select(l => l.ProductId!.Value).Distinct().ToList();
        if (ids.Count != requested.Count) return Problems.Validation("lines", "Each product may be counted once per request.");
        var costs = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.TrackStock).ToDictionaryAsync(p => p.Id, p => p.Cost, ct);
        var missing = requested.FindIndex(l => !costs.ContainsKey(l.ProductId!.Value));
        if (missing >= 0) return Problems.Validation($"lines[{missing}].product_id", "No stock-tracked product with this id.");

        var countId = RowId.New();
        var lines = new List<CountLineDto>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in requested)
        {
            var counted = await ledger.CountAsync(warehouseId, line.ProductId!.Value, line.CountedQuantity!.Value, costs[line.ProductId.Value], request.Notes, countId, ct);
            lines.Add(new CountLineDto(counted.ProductId, counted.Expected, counted.Counted, counted.Difference, counted.Movement?.Id));
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new CountDto(countId, warehouseId, lines));
    }
}
