using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Inventory;

/// <summary>Stock levels with filters, the low-stock list, valuation at cost, transfers and counts.</summary>
internal static class InventoryApi
{
    /// <summary>Member-initialised (not positional) so EF can filter and sort on it after the projection.</summary>
    internal sealed class LevelRow
    {
        public Guid WarehouseId { get; init; }
        public string WarehouseCode { get; init; } = "";
        public Guid BranchId { get; init; }
        public Guid ProductId { get; init; }
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public decimal Quantity { get; init; }
        public decimal? MinStock { get; init; }
        public decimal? MaxStock { get; init; }
        public decimal Cost { get; init; }
        public DateTime UpdatedAt { get; init; }
        public long Version { get; init; }
    }

    public static RouteGroupBuilder MapInventoryApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/inventory").WithTags("Inventory").RequireAuthorization(Permissions.StockView);

        group.MapGet("/", async ([AsParameters] PageQuery page, [AsParameters] InventoryFilter filter, TillDbContext db, CancellationToken ct) =>
        {
            var rows = Filter(db, LevelRows(db), page, filter);
            var total = await rows.CountAsync(ct);
            var data = await LevelsAsync(db, rows.OrderBy(r => r.Name).ThenBy(r => r.WarehouseCode).Skip((page.PageNumber - 1) * page.Size).Take(page.Size), ct);
            return TypedResults.Ok(new PagedResponse<StockLevelDto>(data, new PageMeta(page.PageNumber, page.Size, total)));
        });
        group.MapGet("/low-stock", async ([AsParameters] PageQuery page, [AsParameters] InventoryFilter filter, TillDbContext db, CancellationToken ct) =>
        {
            var rows = Filter(db, LevelRows(db), page, filter with { LowStock = true });
            var total = await rows.CountAsync(ct);
            var data = await LevelsAsync(db, rows.OrderBy(r => r.Name).ThenBy(r => r.WarehouseCode).Skip((page.PageNumber - 1) * page.Size).Take(page.Size), ct);
            return TypedResults.Ok(new PagedResponse<StockLevelDto>(data, new PageMeta(page.PageNumber, page.Size, total)));
        });
        group.MapGet("/valuation", Valuation);
        StockTransfersApi.Map(group);
        StockCountsApi.Map(group);
        return group;
    }

    /// <summary>Levels joined with their warehouse, product and the branch's min/max stock.</summary>
    public static IQueryable<LevelRow> LevelRows(TillDbContext db) =>
        from l in db.StockLevels
        join w in db.Warehouses on l.WarehouseId equals w.Id
        join p in db.Products on l.ProductId equals p.Id
        select new LevelRow
        {
            WarehouseId = l.WarehouseId, WarehouseCode = w.Code, BranchId = w.BranchId, ProductId = l.ProductId, Sku = p.Sku, Name = p.Name,
            Quantity = l.Quantity,
            MinStock = db.ProductBranches.Where(o => o.ProductId == l.ProductId && o.BranchId == w.BranchId).Select(o => o.MinStock).FirstOrDefault(),
            MaxStock = db.ProductBranches.Where(o => o.ProductId == l.ProductId && o.BranchId == w.BranchId).Select(o => o.MaxStock).FirstOrDefault(),
            Cost = p.Cost, UpdatedAt = l.UpdatedAt, Version = l.Version,
        };

    public static async Task<List<StockLevelDto>> LevelsAsync(TillDbContext db, IQueryable<LevelRow> rows, CancellationToken ct) =>
        [.. (await rows.AsNoTracking().ToListAsync(ct)).Select(r => new StockLevelDto(
            r.WarehouseId, r.WarehouseCode, r.BranchId, r.ProductId, r.Sku, r.Name, r.Quantity, r.MinStock, r.MaxStock,
            r.MinStock is { } min && r.Quantity <= min, r.Quantity < 0, r.Cost, r.Quantity * r.Cost, r.UpdatedAt, r.Version))];

    private static IQueryable<LevelRow> Filter(TillDbContext db, IQueryable<LevelRow> rows, PageQuery page, InventoryFilter filter)
    {
        if (filter.WarehouseId is { } w) rows = rows.Where(r => r.WarehouseId == w);
        if (filter.BranchId is { } b) rows = rows.Where(r => r.BranchId == b);
        if (filter.ProductId is { } p) rows = rows.Where(r => r.ProductId == p);
        if (filter.LowStock == true) rows = rows.Where(r => r.MinStock != null && r.Quantity <= r.MinStock);
        if (filter.Negative == true) rows = rows.Where(r => r.Quantity < 0);
        if (page.SearchTerm is { } s)
        {
            var like = $"%{s.ToLowerInvariant()}%";
            rows = rows.Where(r => EF.Functions.Like(r.Name.ToLower(), like) || EF.Functions.Like(r.Sku.ToLower(), like)
                || db.ProductBarcodes.Any(bc => bc.ProductId == r.ProductId && bc.Code == s));
        }

        return rows;
    }

    /// <summary>Stock value at (last) cost per warehouse. Multiplied here, not in SQL: SQLite stores decimals scaled.</summary>
    private static async Task<Ok<ValuationDto>> Valuation([AsParameters] InventoryFilter filter, TillDbContext db, CancellationToken ct)
    {
        var query = from l in db.StockLevels
                    join p in db.Products on l.ProductId equals p.Id
                    where l.Quantity != 0
                    select new { l.WarehouseId, l.Quantity, p.Cost, l.ProductId };
        if (filter.WarehouseId is { } w) query = query.Where(r => r.WarehouseId == w);
        if (filter.ProductId is { } pid) query = query.Where(r => r.ProductId == pid);
        var warehouses = await db.Warehouses.AsNoTracking().ToDictionaryAsync(x => x.Id, ct);
        var sums = new Dictionary<Guid, (int Products, decimal Quantity, decimal Value)>();
        await foreach (var row in query.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var (products, quantity, value) = sums.GetValueOrDefault(row.WarehouseId);
            sums[row.WarehouseId] = (products + 1, quantity + row.Quantity, value + row.Quantity * row.Cost);
        }

        var list = sums.Where(s => warehouses.ContainsKey(s.Key) && (filter.BranchId is null || warehouses[s.Key].BranchId == filter.BranchId))
            .Select(s => new WarehouseValuationDto(s.Key, warehouses[s.Key].Code, warehouses[s.Key].Name, warehouses[s.Key].BranchId, s.Value.Products, s.Value.Quantity, s.Value.Value))
            .OrderBy(v => v.Code).ToList();
        return TypedResults.Ok(new ValuationDto(list.Sum(v => v.Value), list));
    }
}
