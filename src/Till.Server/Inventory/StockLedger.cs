using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Till.Server.Activities;
using Till.Server.Audit;
using Till.Server.Data;

namespace Till.Server.Inventory;

/// <summary>One stock movement to post: a signed quantity of a product into or out of a warehouse.</summary>
internal sealed record StockPosting(
    Guid WarehouseId, Guid ProductId, MovementType Type, decimal Quantity,
    decimal? UnitCost = null, string? ReferenceType = null, Guid? ReferenceId = null, string? Notes = null);

/// <summary>What a posting did: the ledger row and the level right after it.</summary>
internal sealed record StockPosted(StockMovement Movement, decimal Level)
{
    /// <summary>Negative stock is allowed (a sale that happened is a fact) but flagged.</summary>
    public bool IsNegative => Level < 0;
}

/// <summary>
/// The only writer of stock. Every caller (adjustments, counts, transfers, purchases, and later
/// orders, refunds and sync) posts movements here, inside its own open transaction, so the ledger
/// row and the level change commit or roll back together with the caller's other writes.
/// </summary>
/// <remarks>
/// The level is changed with one set-based upsert (INSERT ... ON CONFLICT DO UPDATE SET quantity =
/// quantity + delta), never read-modify-write: concurrent postings on one product queue on the row
/// lock (PostgreSQL) or the write lock (SQLite) and none is lost. The statement also bumps the
/// level's version and updated_at (it is synced) and, because the audit interceptor cannot see it,
/// the audit entry for the level is written here.
/// </remarks>
internal sealed class StockLedger(TillDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions AuditJson = new() { DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<StockPosted> PostAsync(StockPosting posting, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("StockLedger.PostAsync must run inside the caller's transaction (db.Database.BeginTransactionAsync).");
        if (posting.Quantity == 0) throw new ArgumentException("A stock movement needs a non-zero quantity.", nameof(posting));

        var tenantId = db.Tenant.RequiredTenantId;
        var now = clock.GetUtcNow().UtcDateTime;
        object delta = db.Provider == DatabaseProvider.Sqlite
            ? (long)Math.Round(posting.Quantity * SqliteTillDbContext.ScaledDecimalConverter.Scale, MidpointRounding.AwayFromZero)
            : posting.Quantity;

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock_levels (id, tenant_id, warehouse_id, product_id, quantity, created_at, updated_at, version, is_deleted)
            VALUES ({Guid.CreateVersion7()}, {tenantId}, {posting.WarehouseId}, {posting.ProductId}, {delta}, {now}, {now}, 1, {false})
            ON CONFLICT (tenant_id, warehouse_id, product_id) DO UPDATE
            SET quantity = stock_levels.quantity + excluded.quantity, updated_at = excluded.updated_at, version = stock_levels.version + 1
            """, ct);

        // This transaction now holds the level's row (or SQLite's write) lock: the value read is ours alone.
        var level = await db.StockLevels.AsNoTracking()
            .Where(l => l.WarehouseId == posting.WarehouseId && l.ProductId == posting.ProductId)
            .Select(l => new { l.Id, l.Quantity })
            .FirstAsync(ct);
        var before = level.Quantity - posting.Quantity;

        var movement = new StockMovement
        {
            WarehouseId = posting.WarehouseId,
            ProductId = posting.ProductId,
            Type = posting.Type,
            Quantity = posting.Quantity,
            UnitCost = posting.UnitCost,
            BalanceAfter = level.Quantity,
            ReferenceType = posting.ReferenceType,
            ReferenceId = posting.ReferenceId,
            Notes = posting.Notes,
            UserId = db.Tenant.UserId,
        };
        db.StockMovements.Add(movement);
        db.AuditLogs.Add(new AuditEntry
        {
            TenantId = tenantId,
            UserId = db.Tenant.UserId,
            DeviceId = db.Tenant.DeviceId,
            Action = "update",
            EntityType = nameof(StockLevel),
            EntityId = level.Id.ToString(),
            OldValues = JsonSerializer.Serialize(new Dictionary<string, object?> { ["Quantity"] = before }, AuditJson),
            NewValues = JsonSerializer.Serialize(new Dictionary<string, object?> { ["Quantity"] = level.Quantity, ["MovementId"] = movement.Id, ["Type"] = posting.Type.ToString() }, AuditJson),
            IpAddress = db.Tenant.IpAddress,
            UserAgent = db.Tenant.UserAgent,
            CreatedAt = now,
        });

        if (posting.Quantity < 0) await FlagLowAsync(tenantId, posting, before, level.Quantity, ct);
        // The upsert is invisible to the interceptor: log the level for the branch's devices here.
        var branchId = await db.Warehouses.Where(w => w.Id == posting.WarehouseId).Select(w => (Guid?)w.BranchId).FirstOrDefaultAsync(ct);
        await Sync.ChangeLogWriter.AppendAsync<StockLevel>(db, level.Id, branchId, ct);
        await db.SaveChangesAsync(ct);
        return new StockPosted(movement, level.Quantity);
    }

    /// <summary>
    /// Locks the level of a product in a warehouse for the rest of the transaction (creating it at
    /// zero when missing) and returns it, so a count can compute its difference with no sale slipping in between.
    /// </summary>
    public async Task<decimal> LockAsync(Guid warehouseId, Guid productId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("StockLedger.LockAsync must run inside the caller's transaction.");
        var now = clock.GetUtcNow().UtcDateTime;
        object zero = db.Provider == DatabaseProvider.Sqlite ? 0L : 0m;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock_levels (id, tenant_id, warehouse_id, product_id, quantity, created_at, updated_at, version, is_deleted)
            VALUES ({Guid.CreateVersion7()}, {db.Tenant.RequiredTenantId}, {warehouseId}, {productId}, {zero}, {now}, {now}, 1, {false})
            ON CONFLICT (tenant_id, warehouse_id, product_id) DO UPDATE SET quantity = stock_levels.quantity
            """, ct);
        return await db.StockLevels.AsNoTracking().Where(l => l.WarehouseId == warehouseId && l.ProductId == productId).Select(l => l.Quantity).FirstAsync(ct);
    }

    /// <summary>Records a counted quantity as a <see cref="MovementType.Count"/> of the difference (none when it matches).</summary>
    public async Task<StockCounted> CountAsync(Guid warehouseId, Guid productId, decimal counted, decimal? unitCost, string? notes, Guid? referenceId, CancellationToken ct)
    {
        var before = await LockAsync(warehouseId, productId, ct);
        var difference = counted - before;
        var posted = difference == 0 ? null
            : await PostAsync(new StockPosting(warehouseId, productId, MovementType.Count, difference, unitCost, "count", referenceId, notes), ct);
        return new StockCounted(productId, before, counted, difference, posted?.Movement);
    }

    /// <summary>
    /// Alerts once when a decrease crosses the branch's min stock (at or under it) or goes below zero,
    /// not on every later sale while the shelf stays low.
    /// </summary>
    private async Task FlagLowAsync(Guid tenantId, StockPosting posting, decimal before, decimal after, CancellationToken ct)
    {
        var info = await db.Warehouses.AsNoTracking().Where(w => w.Id == posting.WarehouseId)
            .Select(w => new
            {
                w.BranchId,
                Warehouse = w.Name,
                Product = db.Products.Where(p => p.Id == posting.ProductId).Select(p => p.Name).FirstOrDefault(),
                MinStock = db.ProductBranches.Where(o => o.ProductId == posting.ProductId && o.BranchId == w.BranchId).Select(o => o.MinStock).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (info is null) return;

        if (info.MinStock is { } min && after <= min && before > min)
        {
            ActivityFeed.Record(db, "inventory.low_stock", $"{info.Product} is low in {info.Warehouse}: {after:0.####} left (min {min:0.####}).",
                info.BranchId, new { product_id = posting.ProductId, warehouse_id = posting.WarehouseId, quantity = after, min_stock = min });
            db.Raise(new LowStockDetected(tenantId, info.BranchId, posting.WarehouseId, posting.ProductId, after, min));
        }
        else if (after < 0 && before >= 0)
        {
            ActivityFeed.Record(db, "inventory.negative_stock", $"{info.Product} went below zero in {info.Warehouse}: {after:0.####}.",
                info.BranchId, new { product_id = posting.ProductId, warehouse_id = posting.WarehouseId, quantity = after });
        }
    }
}
