using Microsoft.EntityFrameworkCore;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// Database objects EF Core cannot model, ensured after every migration run (idempotent).
/// </summary>
/// <remarks>
/// The cursor rule on PostgreSQL (docs/sync-protocol.md, "The cursor"): a change-log row is
/// inserted with a <em>pending</em> sequence (a negative number no reader ever asks for), and its
/// real sequence is assigned at commit, by a deferred constraint trigger that first takes a
/// per-tenant transaction-scoped advisory lock and then numbers all of the transaction's pending
/// rows of that tenant in insertion order. The lock is held from that moment to the end of the
/// commit only, so a tenant's numbers become visible in order (a reader that has seen N has seen
/// every committed number below N) while its writers do all their other work in parallel. A
/// transaction holding the lock waits for nothing else (it only renumbers its own rows), so the
/// lock can never be part of a deadlock.
/// The same trigger tells every server node, through <c>NOTIFY</c>, that a tenant's checkout
/// reference data changed (<see cref="Orders.ReferenceDataListener"/>).
/// </remarks>
internal static class PostgresSyncObjects
{
    /// <summary>First key of the two-key advisory lock: Till's change-log namespace.</summary>
    public const int LockNamespace = 7_340_001;

    /// <summary>
    /// The channel a commit notifies (payload: the tenant id) when it changed any of the reference
    /// data server nodes cache for checkout (<see cref="Orders.SaleReferenceCache.Watched"/>).
    /// </summary>
    public const string ReferenceChannel = "till_reference_data";

    private static string ReferenceTypes => $"ARRAY[{string.Join(", ", Orders.SaleReferenceCache.Watched.Order(StringComparer.Ordinal).Select(t => $"'{t}'"))}]::text[]";

    private static readonly string Sql = $"""
        CREATE SEQUENCE IF NOT EXISTS change_log_pending_seq;
        CREATE OR REPLACE FUNCTION till_change_log_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.seq := -nextval('change_log_pending_seq');
          -- The transaction's first pending number bounds the search at commit (see below).
          IF coalesce(current_setting('till.pending_first', true), '') = '' THEN
            PERFORM set_config('till.pending_first', NEW.seq::text, true);
          END IF;
          RETURN NEW;
        END $$;
        DROP TRIGGER IF EXISTS change_log_assign_seq ON change_log;
        CREATE TRIGGER change_log_assign_seq BEFORE INSERT ON change_log
          FOR EACH ROW EXECUTE FUNCTION till_change_log_assign_seq();

        CREATE OR REPLACE FUNCTION till_change_log_publish() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          done_key text := 'till.published_' || replace(NEW.tenant_id::text, '-', '');
          reference_changed boolean;
        BEGIN
          IF current_setting(done_key, true) = '1' THEN RETURN NULL; END IF;
          PERFORM pg_advisory_xact_lock({LockNamespace}, hashtext(NEW.tenant_id::text));
          -- Only this transaction's pending rows are visible with a negative number: others' are uncommitted.
          -- They lie between its first pending number and its last (the session's current one): every
          -- renumbered row leaves a dead index entry below zero until vacuum, and a search of all
          -- negative numbers walked through each of them at every commit, with the tenant's lock held.
          WITH numbered AS (
            UPDATE change_log c SET seq = n.seq
            FROM (SELECT p.old, nextval(pg_get_serial_sequence('change_log', 'seq')) AS seq
                  FROM (SELECT seq AS old FROM change_log
                        WHERE tenant_id = NEW.tenant_id
                          AND seq BETWEEN -currval('change_log_pending_seq') AND current_setting('till.pending_first')::bigint
                        ORDER BY seq DESC) p) n
            WHERE c.seq = n.old
            RETURNING c.entity_type)
          SELECT coalesce(bool_or(entity_type = ANY({ReferenceTypes})), false) INTO reference_changed FROM numbered;
          -- Delivered to every listening server node when (and only if) the transaction commits.
          IF reference_changed THEN PERFORM pg_notify('{ReferenceChannel}', NEW.tenant_id::text); END IF;
          PERFORM set_config(done_key, '1', true);
          RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS change_log_publish ON change_log;
        CREATE CONSTRAINT TRIGGER change_log_publish AFTER INSERT ON change_log
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION till_change_log_publish();
        """;

    public static async Task EnsureAsync(TillDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        await db.Database.ExecuteSqlRawAsync(Sql, ct);
    }
}
