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

    /// <summary>
    /// Serialises the pushes of a tenant. A push applies a device's mutations one after another in
    /// one transaction, so it takes stock and customer rows in the order its sales happened; two
    /// pushes running side by side could take the same rows in opposite orders and deadlock.
    /// Online checkouts are not held back: each takes its rows in key order within one statement.
    /// </summary>
    public static async Task PushAsync(TillDbContext db, Guid tenantId, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres || db.Database.CurrentTransaction is null) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PushNamespace}, hashtext({tenantId.ToString()}))", ct);
    }

    /// <summary>A deadlock or serialization failure: the transaction was rolled back and can simply run again.</summary>
    public static bool IsRetryable(Exception e) =>
        (e as Npgsql.PostgresException ?? e.InnerException as Npgsql.PostgresException) is { SqlState: "40P01" or "40001" };
}
