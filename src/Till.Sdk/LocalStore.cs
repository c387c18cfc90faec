using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Till.Sdk.Internal;

namespace Till.Sdk;

/// <summary>
/// The terminal's local SQLite database (WAL): a mirror of what the device may see (catalogue,
/// branch prices, customers, settings, tables, users, stock levels), the device's own orders and
/// shifts, the outbox of mutations still to push, the sync issues and the pull cursor.
/// All access is serialised through one connection; every write is one transaction.
/// </summary>
public sealed partial class LocalStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private bool _disposed;

    private LocalStore(string path, SqliteConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Raised after every committed write (local action, pulled page, push answer).</summary>
    public event Action? Changed;

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/>.</summary>
    public static LocalStore Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA busy_timeout=5000; PRAGMA cache_size=-32000;");
        try
        {
            Upgrade(db);
        }
        catch
        {
            db.Dispose();
            throw;
        }

        return new LocalStore(path, db);
    }

    /// <summary>Creates the tables of a new store, or brings an older store's up to <see cref="StoreSchema.Version"/>, a version per transaction.</summary>
    private static void Upgrade(SqliteConnection db)
    {
        var version = Scalar<long>(db, null, "PRAGMA user_version");
        if (version > StoreSchema.Version)
            throw new InvalidOperationException($"The store '{db.DataSource}' has version {version}, written by a newer Till; this one reads up to {StoreSchema.Version}.");
        // A new file has version 0 and no tables: it is created at the current version.
        for (var next = version == 0 ? StoreSchema.Version + 1 : version + 1; next <= StoreSchema.Version; next++)
        {
            using var tx = db.BeginTransaction();
            using var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = StoreSchema.Upgrades[(int)next] + $"; PRAGMA user_version={next};";
            cmd.ExecuteNonQuery();
            tx.Commit();
        }

        Execute(db, StoreSchema.Create);
        Execute(db, $"PRAGMA user_version={StoreSchema.Version};");
    }

    /// <summary>The pull cursor: the last server sequence applied.</summary>
    public long Cursor => Read(db => long.Parse(GetMeta(db, null, MetaKeys.Cursor) ?? "0", CultureInfo.InvariantCulture));

    /// <summary>How many mutations wait to be pushed.</summary>
    public int QueueLength => Read(db => Scalar<int>(db, null, "SELECT COUNT(*) FROM outbox"));

    /// <summary>True while a bootstrap or reset snapshot has not finished.</summary>
    public bool IsBootstrapping => Read(db => GetMeta(db, null, MetaKeys.SnapshotAfter) is not null);

    /// <summary>Finds a product by one of its barcodes (index lookup), or by SKU.</summary>
    public ProductInfo? FindByBarcode(string code) => Read(db =>
        QueryProducts(db, """
            SELECT p.id, p.sku, p.name, p.price, p.tax_rate, p.category_id, p.is_active, bp.price
            FROM barcodes b JOIN products p ON p.id = b.product_id LEFT JOIN branch_prices bp ON bp.product_id = p.id
            WHERE b.code = $q LIMIT 1
            """, code).FirstOrDefault()
        ?? QueryProducts(db, """
            SELECT p.id, p.sku, p.name, p.price, p.tax_rate, p.category_id, p.is_active, bp.price
            FROM products p LEFT JOIN branch_prices bp ON bp.product_id = p.id WHERE p.sku = $q LIMIT 1
            """, code).FirstOrDefault());

    /// <summary>A product by id, or null when the device does not have it.</summary>
    public ProductInfo? GetProduct(Guid id) => Read(db => QueryProducts(db, """
        SELECT p.id, p.sku, p.name, p.price, p.tax_rate, p.category_id, p.is_active, bp.price
        FROM products p LEFT JOIN branch_prices bp ON bp.product_id = p.id WHERE p.id = $q
        """, id.ToString()).FirstOrDefault());

    /// <summary>Full-text search over product names and SKUs (prefix match on every word).</summary>
    public IReadOnlyList<ProductInfo> SearchProducts(string text, int limit = 20)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*");
        var query = string.Join(' ', words);
        if (query.Length == 0) return [];
        return Read(db => QueryProducts(db, $"""
            SELECT p.id, p.sku, p.name, p.price, p.tax_rate, p.category_id, p.is_active, bp.price
            FROM products_fts f JOIN products p ON p.rowid = f.rowid LEFT JOIN branch_prices bp ON bp.product_id = p.id
            WHERE products_fts MATCH $q ORDER BY rank LIMIT {limit}
            """, query));
    }

    /// <summary>One mirrored row (with pending local edits applied), or null.</summary>
    public StoredEntity? GetEntity(string entity, Guid id) => Read(db =>
        QueryEntities(db, $"SELECT entity, id, version, {StoreSchema.ShownData} FROM entities WHERE entity = $e AND id = $id", entity, id).FirstOrDefault());

    /// <summary>Every mirrored row of one entity type.</summary>
    public IReadOnlyList<StoredEntity> GetEntities(string entity) => Read(db =>
        QueryEntities(db, $"SELECT entity, id, version, {StoreSchema.ShownData} FROM entities WHERE entity = $e ORDER BY id", entity, null));

    /// <summary>The stock level of a product in a warehouse: the server's level plus this device's unsent movements.</summary>
    public decimal StockLevel(Guid productId, Guid warehouseId) => Read(db =>
    {
        var server = Decimals(db, "SELECT quantity FROM stock_levels WHERE product_id = $p AND warehouse_id = $w", productId, warehouseId);
        var pending = Decimals(db, "SELECT delta FROM pending_stock WHERE product_id = $p AND warehouse_id = $w", productId, warehouseId);
        return server + pending;
    });

    /// <summary>The oldest mutations waiting to be pushed.</summary>
    public IReadOnlyList<OutboxEntry> GetOutbox(int limit = 100) => Read(db => TakeBatch(db, limit));

    /// <summary>Rejected and conflicting mutations not yet dismissed.</summary>
    public IReadOnlyList<SyncIssue> GetIssues() => Read(db =>
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT seq, kind, occurred_at, payload, status, reason, server_version, server_data, recorded_at
            FROM sync_issues WHERE dismissed = 0 ORDER BY seq
            """;
        using var r = cmd.ExecuteReader();
        var list = new List<SyncIssue>();
        while (r.Read())
        {
            list.Add(new SyncIssue(r.GetInt64(0), r.GetString(1), ParseTime(r.GetString(2)), Json(r.GetString(3)), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetInt64(6),
                r.IsDBNull(7) ? null : Json(r.GetString(7)), ParseTime(r.GetString(8))));
        }

        return list;
    });

    /// <summary>Hides an issue from the list (it stays in the file as a record).</summary>
    public bool DismissIssue(long seq) => Write(tx => Exec(tx, "UPDATE sync_issues SET dismissed = 1 WHERE seq = $a AND dismissed = 0", seq) == 1);

    /// <summary>Sends a rejected or conflicting mutation again, as a new mutation with a new number; returns that number.</summary>
    public long? RetryIssue(long seq, DateTime nowUtc) => Write(tx =>
    {
        using var cmd = Command(tx, "SELECT kind, payload FROM sync_issues WHERE seq = $a AND dismissed = 0", seq);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return (long?)null;
        var (kind, payload) = (r.GetString(0), r.GetString(1));
        r.Close();
        Exec(tx, "UPDATE sync_issues SET dismissed = 1 WHERE seq = $a", seq);
        return EnqueueRaw(tx, kind, payload, nowUtc, null, null, null);
    });

    /// <summary>Copies the whole store (mirror, outbox, orders, cursor, device identity) into one file.</summary>
    public void Backup(string file)
    {
        lock (_gate)
        {
            if (File.Exists(file)) File.Delete(file);
            using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            target.Open();
            _db.BackupDatabase(target);
        }
    }

    /// <summary>Creates the store at <paramref name="path"/> from a <see cref="Backup"/> file and opens it.</summary>
    public static LocalStore Restore(string backupFile, string path)
    {
        if (File.Exists(path)) throw new IOException($"'{path}' already exists; restore into a new file.");
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupFile, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString()))
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }

        return Open(path);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _db.Dispose();
        }
    }

    internal T Read<T>(Func<SqliteConnection, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work(_db);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one immediate transaction: all of it commits or none.</summary>
    internal T Write<T>(Func<SqliteTransaction, T> work)
    {
        T result;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var tx = _db.BeginTransaction(deferred: false);
            result = work(tx);
            tx.Commit();
        }

        Changed?.Invoke();
        return result;
    }

    internal static string? GetMeta(SqliteConnection db, SqliteTransaction? tx, string key)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    internal static void SetMeta(SqliteTransaction tx, string key, string? value)
    {
        if (value is null) Exec(tx, "DELETE FROM meta WHERE key = $a", key);
        else Exec(tx, "INSERT INTO meta (key, value) VALUES ($a, $b) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }

    internal string? Meta(string key) => Read(db => GetMeta(db, null, key));

    internal static SqliteCommand Command(SqliteTransaction tx, string sql, params object?[] args)
    {
        var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 0; i < args.Length; i++) cmd.Parameters.AddWithValue("$" + (char)('a' + i), ToDb(args[i]));
        return cmd;
    }

    internal static int Exec(SqliteTransaction tx, string sql, params object?[] args)
    {
        using var cmd = Command(tx, sql, args);
        return cmd.ExecuteNonQuery();
    }

    internal static T Scalar<T>(SqliteConnection db, SqliteTransaction? tx, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    internal static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString(),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => value,
    };

    internal static DateTime ParseTime(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    internal static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    internal static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static List<ProductInfo> QueryProducts(SqliteConnection db, string sql, string q)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$q", q);
        using var r = cmd.ExecuteReader();
        var list = new List<ProductInfo>();
        while (r.Read())
        {
            var price = r.IsDBNull(7) ? ParseDecimal(r.GetString(3)) : ParseDecimal(r.GetString(7));
            list.Add(new ProductInfo(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), price, ParseDecimal(r.GetString(4)),
                r.IsDBNull(5) ? null : Guid.Parse(r.GetString(5)), r.GetInt64(6) != 0));
        }

        return list;
    }

    private static List<StoredEntity> QueryEntities(SqliteConnection db, string sql, string entity, Guid? id)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$e", entity);
        if (id is { } i) cmd.Parameters.AddWithValue("$id", i.ToString());
        using var r = cmd.ExecuteReader();
        var list = new List<StoredEntity>();
        while (r.Read()) list.Add(new StoredEntity(r.GetString(0), Guid.Parse(r.GetString(1)), r.GetInt64(2), Json(r.GetString(3))));
        return list;
    }

    private static decimal Decimals(SqliteConnection db, string sql, Guid productId, Guid warehouseId)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$p", productId.ToString());
        cmd.Parameters.AddWithValue("$w", warehouseId.ToString());
        using var r = cmd.ExecuteReader();
        var sum = 0m;
        while (r.Read()) sum += ParseDecimal(r.GetString(0));
        return sum;
    }
}
