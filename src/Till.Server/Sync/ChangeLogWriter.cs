using Microsoft.EntityFrameworkCore;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// For code that writes a synced row with set-based SQL (which the interceptor cannot see): reads
/// the row back and appends its change-log entry, in the caller's transaction, before it commits.
/// </summary>
internal static class ChangeLogWriter
{
    /// <summary>Logs the current state of <typeparamref name="T"/> <paramref name="id"/> for devices of <paramref name="branchId"/> (null: the whole tenant).</summary>
    public static async Task AppendAsync<T>(TillDbContext db, Guid id, Guid? branchId, CancellationToken ct) where T : SyncEntity
    {
        var row = await db.Set<T>().IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).AsNoTracking().FirstAsync(e => e.Id == id, ct);
        Append(db, row, branchId);
    }

    /// <summary>Logs <paramref name="row"/> as it is now (read back, or returned by the statement that wrote it).</summary>
    public static void Append(TillDbContext db, SyncEntity row, Guid? branchId)
    {
        var entry = new ChangeLogEntry
        {
            TenantId = row.TenantId,
            BranchId = branchId,
            EntityType = SyncPayload.EntityName(row.GetType()),
            EntityId = row.Id,
            Version = row.Version,
            IsDeleted = row.IsDeleted,
            Data = Serialize(db, row),
            ChangedAt = row.UpdatedAt,
        };
        db.LogChanges([entry]);
        db.Raise(new ChangesCommitted(row.TenantId, [entry]));
    }

    /// <summary>
    /// Moves a staged batch into the change log in one statement (sequence numbers are assigned in
    /// staging order) and clears it; call it inside the bulk write's transaction, just before commit.
    /// </summary>
    public static async Task PublishStagedAsync(TillDbContext db, CancellationToken ct)
    {
        if (db.ChangeLogBatch is not { } batch) return;
        var tenantId = db.Tenant.RequiredTenantId;
        await db.SaveChangesAsync(ct);
        db.ChangeLogBatch = null;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO change_log (tenant_id, branch_id, entity_type, entity_id, version, is_deleted, data, changed_at)
            SELECT tenant_id, branch_id, entity_type, entity_id, version, is_deleted, data, changed_at
            FROM change_log_staging WHERE batch_id = {batch} ORDER BY id
            """, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM change_log_staging WHERE batch_id = {batch}", ct);
        var latest = await db.ChangeLog.MaxAsync(c => (long?)c.Seq, ct) ?? 0;
        db.Raise(new BulkChangesCommitted(tenantId, latest));
    }

    /// <summary>
    /// A row as devices see it (the change log's <c>data</c>): its synced, non-null mapped properties, the same
    /// text as <see cref="SyncPayload.Serialize(Microsoft.EntityFrameworkCore.Metadata.IEntityType, object)"/>,
    /// written straight from the object (no dictionary of boxed values; every stock level a sale touches is logged).
    /// </summary>
    public static string Serialize(TillDbContext db, object row) =>
        EntryJson.Write(db.Model.FindEntityType(row.GetType())!, row, entry: null, SyncPayload.Json, IsSyncedProperty, skipNulls: true);

    /// <summary>A property of the object itself (a row read back has no tracked shadow values) that devices get.</summary>
    private static readonly Func<Microsoft.EntityFrameworkCore.Metadata.IProperty, bool> IsSyncedProperty =
        p => p.PropertyInfo is { } info && !SyncPayload.IsExcluded(info) && !SyncPayload.IsEnvelope(p.Name);
}
