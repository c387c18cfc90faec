using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Till.Core.Sync;
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
internal sealed class StockLedger(TillDbContext db, Orders.SaleReferenceCache shared, TimeProvider clock)
{
    private static readonly JsonSerializerOptions AuditJson = new() { DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Posts one movement and saves it (with the caller's other pending changes).</summary>
    public async Task<StockPosted> PostAsync(StockPosting posting, CancellationToken ct)
    {
        var posted = await PostManyAsync([posting], ct);
        await db.SaveChangesAsync(ct);
        return posted[0];
    }

    /// <summary>
    /// Posts several movements with one set-based upsert of their levels, taking the level rows in
    /// (warehouse, product) order so that concurrent postings never deadlock. The movements, audit
    /// entries and change-log rows are added to the unit of work; the caller's next
    /// <c>SaveChanges</c> writes them, in its transaction. Results come in the order of <paramref name="postings"/>.
    /// </summary>
    /// <param name="ahead">
    /// Statements of the caller's that go to the database in the same round trip, in this order, just before
    /// the level upsert (a batch of sales' rows, so that the levels are locked last); run by themselves when there is nothing to post.
    /// </param>
    /// <param name="track">
    /// False: the movements are not added to the unit of work; the caller inserts them (<see cref="StockPosted.Movement"/>).
    /// </param>
    public async Task<IReadOnlyList<StockPosted>> PostManyAsync(IReadOnlyList<StockPosting> postings, CancellationToken ct, IReadOnlyList<IBatchedStatement>? ahead = null, bool track = true)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("StockLedger.PostManyAsync must run inside the caller's transaction (db.Database.BeginTransactionAsync).");
        if (postings.Any(p => p.Quantity == 0)) throw new ArgumentException("A stock movement needs a non-zero quantity.", nameof(postings));
        if (postings.Count == 0)
        {
            if (ahead is { Count: > 0 }) await IBatchedStatement.ExecuteAllAsync(db, ahead, ct);
            return [];
        }

        var tenantId = db.Tenant.RequiredTenantId;
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = postings.GroupBy(p => (p.WarehouseId, p.ProductId))
            .Select(g => (Key: g.Key, Delta: g.Sum(p => p.Quantity), First: g.First()))
            .OrderBy(k => k.Key.WarehouseId).ThenBy(k => k.Key.ProductId).ToList();
        // Reads first, before this transaction takes any row lock.
        var branches = await WarehousesAsync(keys.Select(k => k.Key.WarehouseId), ct);
        var levels = await UpsertLevelsAsync(tenantId, keys.Select(k => (k.Key.WarehouseId, k.Key.ProductId, k.Delta)).ToList(), now, ahead, ct);

        // Balances: the level after the whole posting is known; walk each key's movements back from it.
        var running = keys.ToDictionary(k => k.Key, k => levels[k.Key].Quantity - k.Delta);
        var results = new List<StockPosted>(postings.Count);
        foreach (var posting in postings)
        {
            var key = (posting.WarehouseId, posting.ProductId);
            var after = running[key] + posting.Quantity;
            running[key] = after;
            var movement = new StockMovement
            {
                WarehouseId = posting.WarehouseId,
                ProductId = posting.ProductId,
                Type = posting.Type,
                Quantity = posting.Quantity,
                UnitCost = posting.UnitCost,
                BalanceAfter = after,
                ReferenceType = posting.ReferenceType,
                ReferenceId = posting.ReferenceId,
                Notes = posting.Notes,
                UserId = db.Tenant.UserId,
            };
            if (track) db.StockMovements.Add(movement);
            results.Add(new StockPosted(movement, after));
        }

        var lows = new List<(StockPosting Posting, decimal Before, decimal After)>();
        foreach (var (key, delta, posting) in keys)
        {
            var level = levels[key];
            var before = level.Quantity - delta;
            // A sale or a return is audited with its order; every other change of a level is audited here.
            if (posting.Type is not (MovementType.Sale or MovementType.Return)) db.AuditLogs.Add(new AuditEntry
            {
                TenantId = tenantId,
                UserId = db.Tenant.UserId,
                DeviceId = db.Tenant.DeviceId,
                Action = "update",
                EntityType = nameof(StockLevel),
                EntityId = level.Id.ToString(),
                OldValues = JsonSerializer.Serialize(new Dictionary<string, object?> { ["Quantity"] = before }, AuditJson),
                NewValues = JsonSerializer.Serialize(new Dictionary<string, object?> { ["Quantity"] = level.Quantity, ["Type"] = posting.Type.ToString(), ["ReferenceId"] = posting.ReferenceId }, AuditJson),
                IpAddress = db.Tenant.IpAddress,
                UserAgent = db.Tenant.UserAgent,
                CreatedAt = now,
            });
            // The upsert is invisible to the interceptor: log the level for the branch's devices here.
            Sync.ChangeLogWriter.Append(db, level, branches.TryGetValue(key.WarehouseId, out var w) ? w.BranchId : null);
            if (delta < 0) lows.Add((posting, before, level.Quantity));
        }
        if (lows.Count > 0) await FlagLowAsync(tenantId, lows, branches, ct);
        return results;
    }

    /// <summary>
    /// The branch and name of each warehouse: read once per unit of work (a push posts hundreds of sales), from the
    /// tenant's short-lived reference copy on this node, which a change of any warehouse clears.
    /// </summary>
    private async Task<Dictionary<Guid, (Guid BranchId, string Name)>> WarehousesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            if (_warehouses.ContainsKey(id)) continue;
            var found = await shared.GetAsync(db.Tenant.RequiredTenantId, ("warehouse_info", id), async () =>
                await db.Warehouses.AsNoTracking().Where(w => w.Id == id).Select(w => new WarehouseInfo(w.BranchId, w.Name)).FirstOrDefaultAsync(ct));
            if (found is not null) _warehouses[id] = (found.BranchId, found.Name);
        }
        return _warehouses;
    }

    private sealed record WarehouseInfo(Guid BranchId, string Name);

    private readonly Dictionary<Guid, (Guid BranchId, string Name)> _warehouses = [];

    /// <summary>
    /// A product's name and minimum stock in a branch that the caller has already read in this unit of work (a sale
    /// reads its products and their branch rows): the low-stock check then asks nothing more about it.
    /// </summary>
    public void Know(Guid productId, string name, Guid branchId, decimal? minStock) => _known[(productId, branchId)] = (name, minStock);

    private readonly Dictionary<(Guid ProductId, Guid BranchId), (string Name, decimal? MinStock)> _known = [];

    /// <summary>
    /// One <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c> for all keys (already sorted): the
    /// increment is atomic (concurrent postings queue on the row lock, or SQLite's write lock, and
    /// none is lost), and the returned rows are the levels as this transaction leaves them. On
    /// PostgreSQL <paramref name="ahead"/> travels in the same batch, before it.
    /// </summary>
    private async Task<Dictionary<(Guid, Guid), StockLevel>> UpsertLevelsAsync(Guid tenantId, List<(Guid WarehouseId, Guid ProductId, decimal Delta)> keys, DateTime now,
        IReadOnlyList<IBatchedStatement>? ahead, CancellationToken ct)
    {
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        // PostgreSQL takes both statements in one round trip; SQLite (no batches, no round trips) runs them in turn.
        var batched = connection.CanCreateBatch;
        if (ahead is { Count: > 0 } && !batched) await IBatchedStatement.ExecuteAllAsync(db, ahead, ct);
        await using var batch = batched ? connection.CreateBatch() : null;
        await using var single = batched ? null : connection.CreateCommand();
        DbBatchCommand? batchCommand = null;
        if (batch is not null)
        {
            batch.Transaction = transaction;
            foreach (var statement in ahead ?? []) statement.AddTo(batch);
            batchCommand = batch.CreateBatchCommand();
            batch.BatchCommands.Add(batchCommand);
        }
        else single!.Transaction = transaction;
        var parameters = batchCommand?.Parameters ?? single!.Parameters;
        // The rows to upsert: a VALUES list (SQLite) or arrays (PostgreSQL).
        var source = new StringBuilder();
        void Add(string name, object value)
        {
            var parameter = batchCommand?.CreateParameter() ?? single!.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            parameters.Add(parameter);
        }
        Add("@t", tenantId);
        Add("@now", now);
        Add("@no", false);
        if (sqlite)
        {
            source.Append("VALUES ");
            for (var i = 0; i < keys.Count; i++)
            {
                if (i > 0) source.Append(", ");
                source.Append(CultureInfo.InvariantCulture, $"(@i{i}, @t, @w{i}, @p{i}, @q{i}, @now, @now, 1, @no)");
                Add($"@i{i}", RowId.New());
                Add($"@w{i}", keys[i].WarehouseId);
                Add($"@p{i}", keys[i].ProductId);
                Add($"@q{i}", (long)Math.Round(keys[i].Delta * SqliteTillDbContext.ScaledDecimalConverter.Scale, MidpointRounding.AwayFromZero));
            }
        }
        else
        {
            // One array per column: the statement's text is the same for any number of levels (prepared once per
            // connection), where a VALUES list made a new statement, and five parameters, per level (a push posts hundreds).
            source.Append("SELECT k.i, @t, k.w, k.p, k.q, @now, @now, 1, @no FROM unnest(@i, @w, @p, @q) AS k(i, w, p, q)");
            Add("@i", keys.Select(_ => RowId.New()).ToArray());
            Add("@w", keys.Select(k => k.WarehouseId).ToArray());
            Add("@p", keys.Select(k => k.ProductId).ToArray());
            Add("@q", keys.Select(k => k.Delta).ToArray());
        }
        var sql = $"""
            INSERT INTO stock_levels (id, tenant_id, warehouse_id, product_id, quantity, created_at, updated_at, version, is_deleted)
            {source}
            ON CONFLICT (tenant_id, warehouse_id, product_id) DO UPDATE
            SET quantity = stock_levels.quantity + excluded.quantity, updated_at = excluded.updated_at, version = stock_levels.version + 1
            RETURNING id, warehouse_id, product_id, quantity, version, created_at, updated_at
            """;
        if (batchCommand is not null) batchCommand.CommandText = sql;
        else single!.CommandText = sql;
        var levels = new Dictionary<(Guid, Guid), StockLevel>(keys.Count);
        await using var reader = batch is not null ? await batch.ExecuteReaderAsync(ct) : await single!.ExecuteReaderAsync(ct);
        if (batched) foreach (var statement in ahead ?? []) await statement.ReadAsync(reader, ct);
        while (await reader.ReadAsync(ct))
        {
            var level = new StockLevel
            {
                Id = reader.GetGuid(0), TenantId = tenantId, WarehouseId = reader.GetGuid(1), ProductId = reader.GetGuid(2),
                Quantity = sqlite ? reader.GetInt64(3) / SqliteTillDbContext.ScaledDecimalConverter.Scale : reader.GetDecimal(3),
                Version = reader.GetInt64(4),
                CreatedAt = DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc),
                UpdatedAt = DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc),
            };
            levels[(level.WarehouseId, level.ProductId)] = level;
        }
        return levels;
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
            VALUES ({RowId.New()}, {db.Tenant.RequiredTenantId}, {warehouseId}, {productId}, {zero}, {now}, {now}, 1, {false})
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
    private async Task FlagLowAsync(Guid tenantId, List<(StockPosting Posting, decimal Before, decimal After)> decreases,
        Dictionary<Guid, (Guid BranchId, string Name)> warehouses, CancellationToken ct)
    {
        var productIds = decreases.Where(d => !(warehouses.TryGetValue(d.Posting.WarehouseId, out var w) && _known.ContainsKey((d.Posting.ProductId, w.BranchId))))
            .Select(d => d.Posting.ProductId).Distinct().ToList();
        var branchIds = warehouses.Values.Select(w => w.BranchId).Distinct().ToList();
        // Names and minimums not known yet, in one query.
        var products = productIds.Count == 0 ? [] : await db.Products.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).AsNoTracking()
            .Where(p => productIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.Name,
                Minimums = db.ProductBranches.Where(o => o.ProductId == p.Id && branchIds.Contains(o.BranchId) && o.MinStock != null)
                    .Select(o => new { o.BranchId, o.MinStock }).ToList(),
            })
            .ToDictionaryAsync(p => p.Id, ct);
        foreach (var (posting, before, after) in decreases)
        {
            if (!warehouses.TryGetValue(posting.WarehouseId, out var warehouse)) continue;
            string product;
            decimal? min;
            if (_known.TryGetValue((posting.ProductId, warehouse.BranchId), out var told)) (product, min) = told;
            else
            {
                var read = products.GetValueOrDefault(posting.ProductId);
                (product, min) = (read?.Name ?? "A product", read?.Minimums.FirstOrDefault(m => m.BranchId == warehouse.BranchId)?.MinStock);
            }
            if (min is { } floor && after <= floor && before > floor)
            {
                ActivityFeed.Record(db, "inventory.low_stock", $"{product} is low in {warehouse.Name}: {after:0.####} left (min {floor:0.####}).",
                    warehouse.BranchId, new { product_id = posting.ProductId, warehouse_id = posting.WarehouseId, quantity = after, min_stock = floor });
                db.Raise(new LowStockDetected(tenantId, warehouse.BranchId, posting.WarehouseId, posting.ProductId, after, floor));
            }
            else if (after < 0 && before >= 0)
            {
                ActivityFeed.Record(db, "inventory.negative_stock", $"{product} went below zero in {warehouse.Name}: {after:0.####}.",
                    warehouse.BranchId, new { product_id = posting.ProductId, warehouse_id = posting.WarehouseId, quantity = after });
            }
        }
    }
}
