using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Till.Core.Sync;
using Till.Sdk.Internal;

namespace Till.Sdk;

// The sync side of the store: outbox writes, pulled pages, snapshot pages and push answers.
public sealed partial class LocalStore
{
    /// <summary>Appends a mutation to the outbox inside <paramref name="tx"/>; returns its number.</summary>
    internal static long Enqueue(SqliteTransaction tx, string kind, object payload, DateTime occurredAt,
        long? baseVersion = null, string? entity = null, Guid? entityId = null) =>
        EnqueueRaw(tx, kind, SdkJson.Serialize(payload), occurredAt, baseVersion, entity, entityId);

    internal static long EnqueueRaw(SqliteTransaction tx, string kind, string payload, DateTime occurredAt,
        long? baseVersion, string? entity, Guid? entityId)
    {
        var seq = long.Parse(GetMeta(tx.Connection!, tx, MetaKeys.NextMutationSeq) ?? "1", CultureInfo.InvariantCulture);
        SetMeta(tx, MetaKeys.NextMutationSeq, (seq + 1).ToString(CultureInfo.InvariantCulture));
        Exec(tx, "INSERT INTO outbox (seq, kind, occurred_at, payload, base_version, entity, entity_id) VALUES ($a, $b, $c, $d, $e, $f, $g)",
            seq, kind, occurredAt, payload, baseVersion, entity, entityId);
        return seq;
    }

    /// <summary>Records a local stock effect of mutation <paramref name="seq"/>, shown on top of the server's level until it is pushed.</summary>
    internal static void AddPendingStock(SqliteTransaction tx, long seq, Guid productId, Guid warehouseId, decimal delta) =>
        Exec(tx, "INSERT INTO pending_stock (seq, product_id, warehouse_id, delta) VALUES ($a, $b, $c, $d)", seq, productId, warehouseId, delta);

    internal static List<OutboxEntry> TakeBatch(SqliteConnection db, int limit)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT seq, kind, occurred_at, payload, base_version, attempts, last_error FROM outbox ORDER BY seq LIMIT {limit}";
        using var r = cmd.ExecuteReader();
        var list = new List<OutboxEntry>();
        while (r.Read())
        {
            list.Add(new OutboxEntry(r.GetInt64(0), r.GetString(1), ParseTime(r.GetString(2)), Json(r.GetString(3)),
                r.IsDBNull(4) ? null : r.GetInt64(4), r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6)));
        }

        return list;
    }

    /// <summary>Applies the server's answers: done mutations leave the outbox, refused ones become issues, the rest stay.</summary>
    internal PushOutcome ApplyPushResults(IReadOnlyList<OutboxEntry> batch, PushResponse response, DateTime nowUtc) => Write(tx =>
    {
        var bySeq = batch.ToDictionary(b => b.Seq);
        var outcome = new PushOutcome();
        foreach (var result in response.Results)
        {
            if (!bySeq.TryGetValue(result.Seq, out var entry)) continue;
            switch (result.Status)
            {
                case MutationStatus.Applied or MutationStatus.Duplicate:
                    Remove(tx, entry.Seq);
                    outcome.Done++;
                    break;
                case MutationStatus.Conflict or MutationStatus.Rejected:
                    Remove(tx, entry.Seq);
                    Exec(tx, """
                        INSERT OR REPLACE INTO sync_issues (seq, kind, occurred_at, payload, base_version, status, reason, server_version, server_data, recorded_at)
                        VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j)
                        """, entry.Seq, entry.Kind, entry.OccurredAt, entry.Payload.GetRawText(), entry.BaseVersion, result.Status,
                        result.Reason, result.ServerVersion, result.ServerData?.GetRawText(), nowUtc);
                    outcome.Done++;
                    if (result.Status == MutationStatus.Rejected) outcome.Rejected++;
                    break;
                default:
                    Exec(tx, "UPDATE outbox SET attempts = attempts + 1, last_error = $b WHERE seq = $a", entry.Seq, result.Status + (result.Reason is null ? "" : ": " + result.Reason));
                    if (result.Status == MutationStatus.Gap) outcome.Gap = true;
                    else outcome.Retry = true;
                    break;
            }
        }

        // Anything at or below the server's last applied number was answered in an earlier (lost) response.
        foreach (var entry in batch.Where(b => b.Seq <= response.LastAppliedSeq && response.Results.All(r => r.Seq != b.Seq)))
        {
            Remove(tx, entry.Seq);
            outcome.Done++;
        }

        SetMeta(tx, MetaKeys.LastSyncAt, nowUtc.ToString("O", CultureInfo.InvariantCulture));
        return outcome;
    });

    /// <summary>Notes a failed push attempt on the batch (for display), changing nothing else.</summary>
    internal void MarkAttempt(IReadOnlyList<OutboxEntry> batch, string error) => Write(tx =>
    {
        foreach (var entry in batch) Exec(tx, "UPDATE outbox SET attempts = attempts + 1, last_error = $b WHERE seq = $a", entry.Seq, error);
        return 0;
    });

    /// <summary>Test-only: gives the batch new numbers at the end of the series (what a non-idempotent client would do).</summary>
    internal void UnsafeRenumber(IReadOnlyList<OutboxEntry> batch) => Write(tx =>
    {
        foreach (var entry in batch)
        {
            var seq = long.Parse(GetMeta(tx.Connection!, tx, MetaKeys.NextMutationSeq) ?? "1", CultureInfo.InvariantCulture);
            SetMeta(tx, MetaKeys.NextMutationSeq, (seq + 1).ToString(CultureInfo.InvariantCulture));
            Exec(tx, "UPDATE outbox SET seq = $b WHERE seq = $a", entry.Seq, seq);
            Exec(tx, "UPDATE pending_stock SET seq = $b WHERE seq = $a", entry.Seq, seq);
        }

        return 0;
    });

    /// <summary>Applies one pulled page and moves the cursor, in one transaction.</summary>
    internal void ApplyPullPage(PullResponse page, DateTime nowUtc) => Write(tx =>
    {
        ApplyChanges(tx, page.Changes);
        SetMeta(tx, MetaKeys.Cursor, page.NextCursor.ToString(CultureInfo.InvariantCulture));
        SetMeta(tx, MetaKeys.LastSyncAt, nowUtc.ToString("O", CultureInfo.InvariantCulture));
        return 0;
    });

    /// <summary>Forgets the mirror (keeping outbox, orders, shifts and identity) and marks a snapshot as started.</summary>
    internal void BeginSnapshot() => Write(tx =>
    {
        foreach (var table in new[] { "entities", "products", "products_fts", "barcodes", "branch_prices", "stock_levels" })
            Exec(tx, $"DELETE FROM {table}");
        SetMeta(tx, MetaKeys.Cursor, "0");
        SetMeta(tx, MetaKeys.SnapshotAfter, "0");
        SetMeta(tx, MetaKeys.SnapshotUpto, null);
        return 0;
    });

    /// <summary>Where an unfinished snapshot resumes: (after, upto), or null when none is running.</summary>
    internal (long After, long? Upto)? SnapshotProgress() => Read(db =>
    {
        var after = GetMeta(db, null, MetaKeys.SnapshotAfter);
        if (after is null) return ((long, long?)?)null;
        var upto = GetMeta(db, null, MetaKeys.SnapshotUpto);
        return (long.Parse(after, CultureInfo.InvariantCulture), upto is null ? null : long.Parse(upto, CultureInfo.InvariantCulture));
    });

    /// <summary>Applies one snapshot page with its resume point; the last page sets the cursor to <c>upto</c>.</summary>
    internal void ApplySnapshotPage(SnapshotPage page) => Write(tx =>
    {
        // The search index is not kept row by row during a snapshot: it is rebuilt once with the last page.
        ApplyChanges(tx, page.Changes, indexSearch: false);
        if (page.HasMore)
        {
            SetMeta(tx, MetaKeys.SnapshotAfter, page.NextAfter.ToString(CultureInfo.InvariantCulture));
            SetMeta(tx, MetaKeys.SnapshotUpto, page.Upto.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            SetMeta(tx, MetaKeys.SnapshotAfter, null);
            SetMeta(tx, MetaKeys.SnapshotUpto, null);
            SetMeta(tx, MetaKeys.Cursor, page.Upto.ToString(CultureInfo.InvariantCulture));
            RebuildSearchIndex(tx);
        }

        return 0;
    });

    private static void Remove(SqliteTransaction tx, long seq)
    {
        string? entity = null;
        Guid id = default;
        using (var target = Command(tx, "SELECT entity, entity_id FROM outbox WHERE seq = $a AND entity IS NOT NULL", seq))
        using (var r = target.ExecuteReader())
        {
            if (r.Read()) (entity, id) = (r.GetString(0), System.Guid.Parse(r.GetString(1)));
        }

        Exec(tx, "DELETE FROM outbox WHERE seq = $a", seq);
        Exec(tx, "DELETE FROM pending_stock WHERE seq = $a", seq);
        if (entity is null) return;
        // The edit is no longer pending: the row goes back to the server's version plus any edits still waiting.
        using (var server = Command(tx, "SELECT server_data FROM entities WHERE entity = $a AND id = $b", entity, id))
        {
            if (server.ExecuteScalar() is string data)
            {
                Exec(tx, "UPDATE entities SET local_data = NULL WHERE entity = $a AND id = $b", entity, id);
                using var sql = new StatementCache(tx);
                Project(sql, entity, id, Json(data));
            }
            else
            {
                Exec(tx, "DELETE FROM entities WHERE entity = $a AND id = $b", entity, id);
                using var sql = new StatementCache(tx);
                Project(sql, entity, id, null);
            }
        }

        ReapplyPendingEdits(tx, [(entity, id)]);
    }

    /// <summary>Fills the product search index from <c>products</c> in one statement (the end of a snapshot).</summary>
    private static void RebuildSearchIndex(SqliteTransaction tx)
    {
        Exec(tx, "DELETE FROM products_fts");
        Exec(tx, "INSERT INTO products_fts (rowid, name, sku) SELECT rowid, name, sku FROM products");
    }

    private static void ApplyChanges(SqliteTransaction tx, IReadOnlyList<ChangeRecord> changes, bool indexSearch = true)
    {
        var touched = new HashSet<(string, Guid)>();
        using (var sql = new StatementCache(tx))
        {
            foreach (var change in changes)
            {
                // Several changes to one row may arrive (one per change); the highest version wins.
                if (change.Deleted)
                {
                    if (sql.Scalar("SELECT version FROM entities WHERE entity = $a AND id = $b", change.Entity, change.Id) is long c && c > change.Version) continue;
                    sql.Exec("DELETE FROM entities WHERE entity = $a AND id = $b", change.Entity, change.Id);
                    Project(sql, change.Entity, change.Id, null, indexSearch);
                }
                else
                {
                    // The server's row replaces what the device showed; pending edits are laid on top again below.
                    // One statement checks the version and writes: no row changes when the stored version is newer.
                    var written = sql.Exec("""
                        INSERT INTO entities (entity, id, version, server_data) VALUES ($a, $b, $c, $d)
                        ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, server_data = excluded.server_data, local_data = NULL
                        WHERE excluded.version >= entities.version
                        """, change.Entity, change.Id, change.Version, change.Data.GetRawText());
                    if (written == 0) continue;
                    Project(sql, change.Entity, change.Id, change.Data, indexSearch);
                }

                touched.Add((change.Entity, change.Id));
            }
        }

        ReapplyPendingEdits(tx, touched);
    }

    /// <summary>A pulled row never overwrites an edit still in the outbox: the pending intent is laid on top again.</summary>
    private static void ReapplyPendingEdits(SqliteTransaction tx, HashSet<(string Entity, Guid Id)> touched)
    {
        if (touched.Count == 0) return;
        using var pending = Command(tx, "SELECT entity, entity_id, payload FROM outbox WHERE entity IS NOT NULL ORDER BY seq");
        using var r = pending.ExecuteReader();
        var edits = new List<(string Entity, Guid Id, string Payload)>();
        while (r.Read())
        {
            var key = (r.GetString(0), Guid.Parse(r.GetString(1)));
            if (touched.Contains(key)) edits.Add((key.Item1, key.Item2, r.GetString(2)));
        }

        r.Close();
        foreach (var (entity, id, payload) in edits) ApplyLocalEdit(tx, entity, id, payload, version: null);
    }

    /// <summary>Writes a master-data edit onto the mirrored row (creating it when new).</summary>
    internal static void ApplyLocalEdit(SqliteTransaction tx, string entity, Guid id, string payload, long? version)
    {
        using var read = Command(tx, $"SELECT version, {StoreSchema.ShownData} FROM entities WHERE entity = $a AND id = $b", entity, id);
        using var r = read.ExecuteReader();
        var (currentVersion, data) = r.Read() ? (r.GetInt64(0), JsonNode.Parse(r.GetString(1))!.AsObject()) : (0L, new JsonObject { ["id"] = id.ToString() });
        r.Close();
        var idField = entity + "_id";
        foreach (var (name, value) in JsonNode.Parse(payload)!.AsObject())
        {
            if (name == idField || value is JsonArray) continue;
            data[name] = value?.DeepClone();
        }

        var json = data.ToJsonString();
        Exec(tx, """
            INSERT INTO entities (entity, id, version, local_data) VALUES ($a, $b, $c, $d)
            ON CONFLICT (entity, id) DO UPDATE SET local_data = excluded.local_data
            """, entity, id, version ?? currentVersion, json);
        using var sql = new StatementCache(tx);
        Project(sql, entity, id, Json(json));
    }

    private static void Project(StatementCache sql, string entity, Guid id, JsonElement? data, bool indexSearch = true)
    {
        switch (entity)
        {
            case "product":
                if (indexSearch && sql.Scalar("SELECT rowid FROM products WHERE id = $a", id) is long old) sql.Exec("DELETE FROM products_fts WHERE rowid = $a", old);

                if (data is not { } p)
                {
                    sql.Exec("DELETE FROM products WHERE id = $a", id);
                    return;
                }

                sql.Exec("""
                    INSERT INTO products (id, sku, name, price, tax_rate, category_id, is_active) VALUES ($a, $b, $c, $d, $e, $f, $g)
                    ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name = excluded.name, price = excluded.price,
                        tax_rate = excluded.tax_rate, category_id = excluded.category_id, is_active = excluded.is_active
                    """, id, Str(p, "sku"), Str(p, "name"), Dec(p, "price"), Dec(p, "tax_rate"), GuidOf(p, "category_id"),
                    !p.TryGetProperty("is_active", out var active) || active.ValueKind != JsonValueKind.False);
                if (indexSearch) sql.Exec("INSERT INTO products_fts (rowid, name, sku) SELECT rowid, name, sku FROM products WHERE id = $a", id);
                break;
            case "product_barcode":
                if (data is { } b)
                    sql.Exec("INSERT OR REPLACE INTO barcodes (id, code, product_id) VALUES ($a, $b, $c)", id, Str(b, "code"), GuidOf(b, "product_id"));
                else sql.Exec("DELETE FROM barcodes WHERE id = $a", id);
                break;
            case "product_branch":
                if (data is { } o)
                {
                    sql.Exec("INSERT OR REPLACE INTO branch_prices (id, product_id, price, is_available) VALUES ($a, $b, $c, $d)",
                        id, GuidOf(o, "product_id"), o.TryGetProperty("price", out var pr) && pr.ValueKind == JsonValueKind.Number ? pr.GetDecimal() : null,
                        !o.TryGetProperty("is_available", out var av) || av.ValueKind != JsonValueKind.False);
                }
                else sql.Exec("DELETE FROM branch_prices WHERE id = $a", id);
                break;
            case "stock_level":
                if (data is { } s)
                {
                    sql.Exec("INSERT OR REPLACE INTO stock_levels (id, product_id, warehouse_id, quantity) VALUES ($a, $b, $c, $d)",
                        id, GuidOf(s, "product_id"), GuidOf(s, "warehouse_id"), Dec(s, "quantity"));
                }
                else sql.Exec("DELETE FROM stock_levels WHERE id = $a", id);
                break;
        }
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static decimal Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0m;

    private static Guid? GuidOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && System.Guid.TryParse(v.GetString(), out var g) ? g : null;
}
