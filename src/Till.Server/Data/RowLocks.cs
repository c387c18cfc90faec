using Microsoft.EntityFrameworkCore;

namespace Till.Server.Data;

/// <summary>
/// Row and key locks for read-then-write units of work, held to the end of the caller's transaction.
/// On SQLite they are no-ops: a write transaction there already excludes every other writer.
/// </summary>
/// <remarks>
/// Lock only what the unit of work decides on (an order being refunded, the tenant's pushes),
/// never the whole tenant: its tills keep selling online in parallel. Change-log numbering
/// is not a caller's concern; it happens at commit (see <c>Sync.PostgresSyncObjects</c>).
/// </remarks>
internal static class RowLocks
{
    /// <summary>Advisory-lock namespace for pushes (one push of a tenant at a time).</summary>
    public const int PushNamespace = 7_340_002;

    /// <summary>Locks the row of <typeparamref name="T"/> with <paramref name="id"/> (<c>SELECT ... FOR UPDATE</c>).</summary>
    public static async Task ForUpdateAsync<T>(TillDbContext db, Guid id, CancellationToken ct) where T : class
    {
        if (db.Provider != DatabaseProvider.Postgres || db.Database.CurrentTransaction is null) return;
        var table = db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
#pragma warning disable EF1002 // The table name comes from the model, the id is a parameter.
        await db.Database.ExecuteSqlRawAsync($"SELECT 1 FROM \"{table}\" WHERE id = {{0}} FOR UPDATE", [id], ct);
#pragma warning restore EF1002
    }

    /// <summary>Advisory-lock namespace for a device's pushes (one at a time per device).</summary>
    public const int DevicePushNamespace = 7_340_003;

    /// <summary>
    /// Orders the pushes of a tenant. A device's pushes always take turns (each continues the
    /// device's mutation numbering). Across devices: a push applying its mutations one after another
    /// takes stock and customer rows in the order its sales happened, so two such pushes side by
    /// side could take the same rows in opposite orders and deadlock; they take the tenant's lock
    /// <paramref name="exclusive"/>ly. A push whose sales are booked set-based (rows in key order,
    /// one statement) shares it with other such pushes, and if it deadlocks all the same, it is
    /// rolled back and runs again exclusively. Online checkouts are never held back: each takes its
    /// rows in key order within one statement.
    /// </summary>
    public static async Task PushAsync(TillDbContext db, Guid tenantId, Guid deviceId, bool exclusive, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres || db.Database.CurrentTransaction is null) return;
        var tenant = tenantId.ToString();
        var device = deviceId.ToString();
        if (exclusive)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PushNamespace}, hashtext({tenant})), pg_advisory_xact_lock({DevicePushNamespace}, hashtext({device}))", ct);
        else
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({PushNamespace}, hashtext({tenant})), pg_advisory_xact_lock({DevicePushNamespace}, hashtext({device}))", ct);
    }

    /// <summary>
    /// A deadlock or serialization failure (PostgreSQL), or a database file still locked by another
    /// writer when the busy timeout ran out (SQLite): nothing was written, the work can simply run again.
    /// </summary>
    public static bool IsRetryable(Exception e) => e switch
    {
        Npgsql.PostgresException { SqlState: "40P01" or "40001" } => true,
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => true,
        _ when e.InnerException is { } inner => IsRetryable(inner),
        _ => false,
    };
}
