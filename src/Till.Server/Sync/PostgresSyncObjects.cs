using Microsoft.EntityFrameworkCore;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// Database objects EF Core cannot model, ensured after every migration run (idempotent).
/// On PostgreSQL the change-log sequence is assigned by a trigger that first takes a per-tenant
/// transaction-scoped advisory lock: two transactions of one tenant can then never commit their
/// sequence numbers out of order, so a pull that has seen N has seen everything below N.
/// </summary>
internal static class PostgresSyncObjects
{
    /// <summary>First key of the two-key advisory lock: Till's change-log namespace.</summary>
    public const int LockNamespace = 7_340_001;

    private static readonly string Sql = $"""
        CREATE OR REPLACE FUNCTION till_change_log_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock({LockNamespace}, hashtext(NEW.tenant_id::text));
          NEW.seq := nextval(pg_get_serial_sequence('change_log', 'seq'));
          RETURN NEW;
        END $$;
        DROP TRIGGER IF EXISTS change_log_assign_seq ON change_log;
        CREATE TRIGGER change_log_assign_seq BEFORE INSERT ON change_log
          FOR EACH ROW EXECUTE FUNCTION till_change_log_assign_seq();
        """;

    public static async Task EnsureAsync(TillDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        await db.Database.ExecuteSqlRawAsync(Sql, ct);
    }

    /// <summary>
    /// Takes the tenant's change-log lock now, at the start of a multi-statement transaction, so that
    /// it is always taken before any row lock (the trigger would otherwise take it mid-transaction,
    /// which can deadlock against a writer holding a row this transaction needs).
    /// </summary>
    public static async Task LockTenantAsync(TillDbContext db, Guid tenantId, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres || db.Database.CurrentTransaction is null) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, hashtext({tenantId.ToString()}))", ct);
    }
}
