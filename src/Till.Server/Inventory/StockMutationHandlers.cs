using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Sync.Mutations;
using Till.Server.Sync;

namespace Till.Server.Inventory;

/// <summary><c>stock.adjust</c>: a counted-in or written-off quantity from a till, posted to the ledger (a sum, never last-write-wins).</summary>
internal sealed class StockAdjustHandler(StockLedger ledger) : ISyncMutationHandler
{
    public string Kind => MutationKinds.StockAdjust;
    public string? Permission => Permissions.StockAdjust;

    public async Task<MutationOutcome> ApplyAsync(MutationContext context, CancellationToken ct)
    {
        var adjust = context.Payload<StockAdjust>();
        if (adjust.Quantity == 0 || Math.Abs(adjust.Quantity) > 1_000_000_000m) throw new MutationRejectedException("The quantity must be non-zero and within ±1,000,000,000.");
        var (warehouseId, cost) = await ResolveAsync(context, adjust.ProductId, adjust.WarehouseId, ct);
        var posted = await ledger.PostAsync(new StockPosting(warehouseId, adjust.ProductId, MovementType.Adjustment, adjust.Quantity, cost, "stock.adjust", adjust.MovementId, adjust.Reason), ct);
        return MutationOutcome.Applied(new { movement_id = posted.Movement.Id, level = posted.Level, negative = posted.IsNegative });
    }

    internal static async Task<(Guid WarehouseId, decimal Cost)> ResolveAsync(MutationContext context, Guid productId, Guid requested, CancellationToken ct)
    {
        var db = context.Db;
        var product = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => new { p.Cost, p.TrackStock }).FirstOrDefaultAsync(ct)
            ?? throw new MutationRejectedException("No product with this id.");
        if (!product.TrackStock) throw new MutationRejectedException("This product does not track stock.");
        // An empty id means the device's own branch's default warehouse.
        var warehouse = requested != Guid.Empty
            ? await db.Warehouses.Where(w => w.Id == requested).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct)
            : await db.Warehouses.Where(w => w.BranchId == context.BranchId && w.IsDefault).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
        return (warehouse ?? throw new MutationRejectedException("No such warehouse in this tenant."), product.Cost);
    }
}

/// <summary>
/// <c>stock.count</c>: the shelf count from a till. The server posts the difference from the level it
/// holds when the count is applied (sales pushed earlier are in it; ones pushed later come after it).
/// </summary>
internal sealed class StockCountHandler(StockLedger ledger) : ISyncMutationHandler
{
    public string Kind => MutationKinds.StockCount;
    public string? Permission => Permissions.StockAdjust;

    public async Task<MutationOutcome> ApplyAsync(MutationContext context, CancellationToken ct)
    {
        var count = context.Payload<StockCount>();
        if (count.CountedQuantity is < -1_000_000_000m or > 1_000_000_000m) throw new MutationRejectedException("The counted quantity is out of range.");
        var (warehouseId, cost) = await StockAdjustHandler.ResolveAsync(context, count.ProductId, count.WarehouseId, ct);
        var counted = await ledger.CountAsync(warehouseId, count.ProductId, count.CountedQuantity, cost, null, count.CountId, ct);
        return MutationOutcome.Applied(new { counted = counted.Counted, expected = counted.Expected, difference = counted.Difference });
    }
}
