using Npgsql;
using Till.Server.Data;

namespace Till.Server.Tests.Infrastructure;

/// <summary>
/// The planner statistics of the tables every sale appends to (<see cref="PostgresStatistics"/>), on the migrated
/// database: small samples for the columns queries use, none for the rest, and never none for an indexed column;
/// autovacuum waiting for a number of rows besides its fraction of these tables.
/// </summary>
public sealed class PostgresStatisticsTests(PostgresApp app)
{
    [Fact]
    public async Task KeptColumnsHaveASmallTarget_TheOthersNone_AndOtherTablesTheDefault()
    {
        await app.CreateTenantAsync();
        var targets = await ReadAsync(
            "SELECT attrelid::regclass::text, attname, coalesce(attstattarget, -1)::int FROM pg_attribute " +
            "WHERE attrelid = ANY (@tables::regclass[]) AND attnum > 0 AND NOT attisdropped",
            r => (Table: r.GetString(0), Column: r.GetString(1), Target: r.GetInt32(2)),
            Tables([.. PostgresStatistics.Kept.Keys, "products"]));

        foreach (var (table, kept) in PostgresStatistics.Kept)
        {
            var columns = targets.Where(t => t.Table == table).ToList();
            Assert.All(kept, c => Assert.Contains(columns, t => t.Column == c));
            Assert.All(columns, t => Assert.Equal(kept.Contains(t.Column) ? PostgresStatistics.Target : 0, t.Target));
        }
        Assert.All(targets.Where(t => t.Table == "products"), t => Assert.Equal(-1, t.Target));
    }

    [Fact]
    public async Task EveryIndexedColumnOfTheseTables_KeepsItsStatistics()
    {
        await app.CreateTenantAsync();
        var indexed = await ReadAsync(
            "SELECT DISTINCT i.indrelid::regclass::text, a.attname FROM pg_index i " +
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) " +
            "WHERE i.indrelid = ANY (@tables::regclass[])",
            r => (Table: r.GetString(0), Column: r.GetString(1)),
            Tables([.. PostgresStatistics.Kept.Keys]));

        Assert.NotEmpty(indexed);
        Assert.All(indexed, i => Assert.Contains(i.Column, PostgresStatistics.Kept[i.Table]));
    }

    [Fact]
    public async Task TheseTables_WaitForTheirAutovacuumRows_OtherTablesKeepTheDefaults()
    {
        await app.CreateTenantAsync();
        var options = await ReadAsync(
            "SELECT oid::regclass::text, coalesce(reloptions, ARRAY[]::text[]) FROM pg_class WHERE oid = ANY (@tables::regclass[])",
            r => (Table: r.GetString(0), Options: r.GetFieldValue<string[]>(1)),
            Tables([.. PostgresStatistics.Kept.Keys, "products", "stock_levels"]));

        Assert.All(PostgresStatistics.Kept.Keys, table => Assert.Equal(
            ["autovacuum_analyze_threshold=50000", "autovacuum_vacuum_insert_threshold=50000"],
            options.Single(o => o.Table == table).Options.Order()));
        Assert.All(options.Where(o => !PostgresStatistics.Kept.ContainsKey(o.Table)), o => Assert.Empty(o.Options));
    }

    private static NpgsqlParameter Tables(string[] names) => new("tables", names);

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
