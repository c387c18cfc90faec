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
/// A writer that knows it is about to commit (a push, an online sale) can take the lock itself
/// (<see cref="PublishTenantSql"/>) and insert its change-log rows after it: they are numbered as they are
/// inserted, with no renumbering update and no commit trigger per row.
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
          -- The transaction holds the tenant's lock already (till_change_log_publish_tenant): the row keeps
          -- the real number its column default took, and commits in order like the renumbered ones.
          IF current_setting('till.published_' || replace(NEW.tenant_id::text, '-', ''), true) = '1' THEN
            IF NEW.entity_type = ANY({ReferenceTypes}) THEN PERFORM pg_notify('{ReferenceChannel}', NEW.tenant_id::text); END IF;
            RETURN NEW;
          END IF;
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

        -- Takes the tenant's commit lock for the rest of the transaction and numbers the transaction's
        -- pending rows of that tenant; from then on its new rows are numbered as they are inserted.
        -- Runs at commit (the trigger below), or earlier when a writer calls it itself.
        CREATE OR REPLACE FUNCTION till_change_log_publish_tenant(tenant uuid) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
          done_key text := 'till.published_' || replace(tenant::text, '-', '');
          reference_changed boolean;
        BEGIN
          IF current_setting(done_key, true) = '1' THEN RETURN; END IF;
          PERFORM pg_advisory_xact_lock({LockNamespace}, hashtext(tenant::text));
          IF coalesce(current_setting('till.pending_first', true), '') <> '' THEN
            -- Only this transaction's pending rows are visible with a negative number: others' are uncommitted.
            -- They lie between its first pending number and its last (the session's current one): every
            -- renumbered row leaves a dead index entry below zero until vacuum, and a search of all
            -- negative numbers walked through each of them at every commit, with the tenant's lock held.
            WITH numbered AS (
              UPDATE change_log c SET seq = n.seq
              FROM (SELECT p.old, nextval(pg_get_serial_sequence('change_log', 'seq')) AS seq
                    FROM (SELECT seq AS old FROM change_log
                          WHERE tenant_id = tenant
                            AND seq BETWEEN -currval('change_log_pending_seq') AND current_setting('till.pending_first')::bigint
                          ORDER BY seq DESC) p) n
              WHERE c.seq = n.old
              RETURNING c.entity_type)
            SELECT coalesce(bool_or(entity_type = ANY({ReferenceTypes})), false) INTO reference_changed FROM numbered;
            -- Delivered to every listening server node when (and only if) the transaction commits.
            IF reference_changed THEN PERFORM pg_notify('{ReferenceChannel}', tenant::text); END IF;
          END IF;
          PERFORM set_config(done_key, '1', true);
        END $$;

        CREATE OR REPLACE FUNCTION till_change_log_publish() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM till_change_log_publish_tenant(NEW.tenant_id);
          RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS change_log_publish ON change_log;
        -- Only pending rows need it: a row numbered on insert was made under the lock.
        CREATE CONSTRAINT TRIGGER change_log_publish AFTER INSERT ON change_log
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.seq < 0) EXECUTE FUNCTION till_change_log_publish();
        """;

    /// <summary>
    /// With the tenant as its one parameter: takes that tenant's commit lock now, numbering the transaction's change-log rows so far;
    /// the rows it inserts afterwards are numbered on insert (no renumbering at commit). Hold the lock only
    /// for what is left to write: other writers of the tenant wait for it at their commit.
    /// </summary>
    public const string PublishTenantSql = "SELECT till_change_log_publish_tenant($1)";

    public static async Task EnsureAsync(TillDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        await db.Database.ExecuteSqlRawAsync(Sql, ct);
    }
}
