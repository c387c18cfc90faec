using Microsoft.EntityFrameworkCore;

namespace Till.Server.Data;

/// <summary>
/// Planner statistics on the tables every sale appends to: gathered for the columns queries look rows up,
/// filter, join or group by, from a small sample, and not at all for the others (amounts, names, notes, JSON).
/// Ensured after every migration run on PostgreSQL (idempotent; a column is altered only when it differs).
/// </summary>
/// <remarks>
/// Autovacuum analyses a table each time a tenth of it has changed, on one of the server's cores, while tills
/// are selling. With PostgreSQL's defaults (every column, 100 buckets, a sample of 30,000 rows) one round over
/// these six tables cost about 0.6 s of CPU at 20,000 order lines, 0.23 s of it for <c>order_lines</c> alone
/// (29 columns, most of them numeric): a burst of checkouts that met it waited for half the machine. With the
/// statistics below (a sample of 3,000 rows, a tenth of the columns) the same round costs about 80 ms, and no
/// table more than 25 ms (docs/benchmarks.md, "Online checkout"). These tables are append-mostly and their
/// key columns evenly spread, so ten buckets estimate the date ranges and lookups their queries make; every
/// column that is part of an index is kept (a test holds the list to that).
/// <para>
/// How often: autovacuum analyses one of these tables when a tenth of it plus 50 rows has changed since the last
/// time, and vacuums it when a fifth of it plus 1,000 rows were inserted. A young database grows by more than
/// that every minute while tills sell, so every round of the autovacuum launcher went over all six; the bursts
/// of checkouts right after such a round were measured 4 to 8 ms slower, their first answers too, for one to four
/// seconds (docs/benchmarks.md, "sixteenth session"). Here both wait for <see cref="AutovacuumRows"/> rows
/// besides the tenth (or fifth): nothing changes for a table of a million rows or more, where the fraction is
/// larger. A table this young is small enough that any plan reads it quickly, and the planner scales its row
/// estimate to the table's current size and probes the index for a range's end beyond the last histogram,
/// so a stale sample of an append-mostly table does not mislead it. Freezing is unaffected
/// (anti-wraparound vacuums go by transaction age).
/// </para>
/// </remarks>
internal static class PostgresStatistics
{
    /// <summary>The statistics target of the kept columns (PostgreSQL samples 300 rows per unit).</summary>
    public const int Target = 10;

    /// <summary>Rows changed (analyse) or inserted (vacuum), besides PostgreSQL's fraction of the table, before autovacuum goes over one of these tables again.</summary>
    public const int AutovacuumRows = 50_000;

    /// <summary>The storage parameters each of these tables has.</summary>
    public static readonly string[] Parameters = [$"autovacuum_analyze_threshold={AutovacuumRows}", $"autovacuum_vacuum_insert_threshold={AutovacuumRows}"];

    /// <summary>Per table, the columns with statistics; every other column of the table has none.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Kept = new Dictionary<string, string[]>
    {
        ["orders"] = ["id", "tenant_id", "branch_id", "device_id", "cashier_id", "customer_id", "shift_id", "table_id", "status",
            "number", "opened_at", "completed_at", "is_offline", "needs_review", "is_deleted"],
        ["order_lines"] = ["id", "tenant_id", "branch_id", "order_id", "product_id", "category_id", "created_at", "is_deleted"],
        ["order_payments"] = ["id", "tenant_id", "branch_id", "order_id", "refund_id", "shift_id", "method_code", "kind", "paid_at", "is_deleted"],
        ["stock_movements"] = ["id", "tenant_id", "warehouse_id", "product_id", "reference_id", "reference_type", "type", "created_at"],
        ["change_log"] = ["seq", "tenant_id", "branch_id", "entity_type", "entity_id", "changed_at"],
        ["audit_logs"] = ["id", "tenant_id", "user_id", "entity_type", "entity_id", "action", "created_at"],
    };

    // The tables as a PostgreSQL array of regclass, for the statement below.
    private static readonly string TableArray = $"ARRAY[{string.Join(", ", Kept.Keys.Select(t => $"'{t}'::regclass"))}]";

    // One statement: each column of the tables with the target it should have, altered only where pg_attribute says
    // otherwise (PostgreSQL 17 stores the default target as NULL, earlier versions as -1); then each table's
    // autovacuum thresholds, set only where pg_class lacks them.
    private static readonly string Sql = $"""
        DO $$
        DECLARE c record;
        BEGIN
          FOR c IN
            SELECT oid::regclass AS tab FROM pg_class
            WHERE oid = ANY ({TableArray})
              AND NOT coalesce(reloptions, ARRAY[]::text[]) @> ARRAY[{string.Join(", ", Parameters.Select(p => $"'{p}'"))}]
          LOOP
            EXECUTE format('ALTER TABLE %s SET ({string.Join(", ", Parameters)})', c.tab);
          END LOOP;
          FOR c IN
            SELECT tab, col, want FROM (
              SELECT a.attrelid::regclass AS tab, a.attname AS col, coalesce(a.attstattarget, -1) AS has,
                     CASE WHEN k.col IS NULL THEN 0 ELSE {Target} END AS want
              FROM pg_attribute a
              LEFT JOIN (VALUES {string.Join(", ", Kept.SelectMany(t => t.Value.Select(c => $"('{t.Key}', '{c}')")))}) AS k(tab, col)
                ON k.tab = a.attrelid::regclass::text AND k.col = a.attname
              WHERE a.attrelid = ANY ({TableArray})
                AND a.attnum > 0 AND NOT a.attisdropped) columns
            WHERE has <> want
          LOOP
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET STATISTICS %s', c.tab, c.col, c.want);
          END LOOP;
        END $$;
        """;

    public static async Task EnsureAsync(TillDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        await db.Database.ExecuteSqlRawAsync(Sql, ct);
    }
}
