using Microsoft.Data.Sqlite;

namespace Till.Sdk.Tests;

/// <summary>A store written by an older SDK opens with its mirror, outbox and edits intact.</summary>
public sealed class LocalStoreUpgradeTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"till-upgrade-{Guid.NewGuid():N}.db");

    [Fact]
    public void Open_AVersion1Store_KeepsWhatEachRowShowed_AndStoresTheServerRowOnce()
    {
        var (plain, edited, created) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using (var db = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            db.Open();
            Exec(db, """
                CREATE TABLE entities (
                    entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, server_data TEXT,
                    PRIMARY KEY (entity, id)) WITHOUT ROWID;
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, occurred_at TEXT NOT NULL, payload TEXT NOT NULL,
                    base_version INTEGER, entity TEXT, entity_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
                PRAGMA user_version = 1;
                """);
            Exec(db, $$"""
                INSERT INTO entities VALUES ('customer', '{{plain}}', 3, '{"name":"Ann"}', '{"name":"Ann"}');
                INSERT INTO entities VALUES ('customer', '{{edited}}', 5, '{"name":"Bob Local"}', '{"name":"Bob"}');
                INSERT INTO entities VALUES ('customer', '{{created}}', 0, '{"name":"Cy"}', NULL);
                INSERT INTO outbox (seq, kind, occurred_at, payload, entity, entity_id)
                    VALUES (1, 'customer.upsert', '2026-11-23T08:00:00Z', '{"customer_id":"{{edited}}","name":"Bob Local"}', 'customer', '{{edited}}');
                """);
        }

        using (var store = LocalStore.Open(_file))
        {
            Assert.Equal("Ann", Name(store, plain));
            Assert.Equal("Bob Local", Name(store, edited));
            Assert.Equal("Cy", Name(store, created));
            Assert.Equal(5, store.GetEntity("customer", edited)!.Version);
            Assert.Equal(1, store.QueueLength);
            var rows = store.Read(db => Rows(db, "SELECT id, server_data, local_data FROM entities"));
            Assert.Equal(("{\"name\":\"Ann\"}", (string?)null), rows[plain.ToString()]);
            Assert.Equal(("{\"name\":\"Bob\"}", "{\"name\":\"Bob Local\"}"), rows[edited.ToString()]);
            Assert.Equal(((string?)null, "{\"name\":\"Cy\"}"), rows[created.ToString()]);
            Assert.Equal(2L, store.Read(db => Scalar(db, "PRAGMA user_version")));
        }

        // Opening it again changes nothing.
        using (var again = LocalStore.Open(_file))
            Assert.Equal("Bob Local", Name(again, edited));
    }

    [Fact]
    public void Open_AStoreOfANewerVersion_IsRefused_AndLeftAsItWas()
    {
        using (var db = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            db.Open();
            Exec(db, "CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;");
        }

        var refused = Assert.Throws<InvalidOperationException>(() => LocalStore.Open(_file));
        Assert.Contains("version 99", refused.Message, StringComparison.Ordinal);
        using var check = new SqliteConnection($"Data Source={_file};Pooling=False");
        check.Open();
        Assert.Equal(99L, Scalar(check, "PRAGMA user_version"));
        Assert.Equal(0L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name = 'entities'"));
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }

    private static string? Name(LocalStore store, Guid id) => store.GetEntity("customer", id)?.Data.GetProperty("name").GetString();

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private static Dictionary<string, (string?, string?)> Rows(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<string, (string?, string?)>();
        while (r.Read()) rows[r.GetString(0)] = (r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
        return rows;
    }
}
