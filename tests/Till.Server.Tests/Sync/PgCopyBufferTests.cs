using Npgsql;
using NpgsqlTypes;
using Till.Server.Data;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Sync;

/// <summary>
/// The binary copy rows <see cref="PgCopyBuffer"/> writes, against a real PostgreSQL server: the same values
/// copied by Npgsql's own importer into a twin table must read back as the same text, column by column
/// (numbers with their display scale, times to the microsecond, infinities, nulls, non-ASCII text).
/// </summary>
public sealed class PgCopyBufferTests
{
    private const string Columns =
        "k integer, u uuid, t text, v character varying(50), n numeric, n4 numeric(18,4), ts timestamp with time zone, " +
        "b boolean, s smallint, i integer, l bigint, d date, tm time without time zone";

    private static readonly NpgsqlDbType[] Types =
    [
        NpgsqlDbType.Integer, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Varchar, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric,
        NpgsqlDbType.TimestampTz, NpgsqlDbType.Boolean, NpgsqlDbType.Smallint, NpgsqlDbType.Integer,
        NpgsqlDbType.Bigint, NpgsqlDbType.Date, NpgsqlDbType.Time,
    ];

    private static readonly decimal[] Numbers =
    [
        0m, 0.0000m, 1m, -1m, 1.10m, -0.5m, 0.0001m, -0.0001m, 10000m, 9999.9999m, 12345.678m, 100000000m, 123456789012.3456m,
        99999999999999.9999m, 0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue, 7.9228162514264337593543950335m,
        1234567890123456789.0123456789m, 0.1m, 20000.5m, -3.14159m,
    ];

    [Fact]
    public async Task RowsCopiedInBinary_ReadBackAsTheSameValuesCopiedByNpgsql()
    {
        await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"CREATE TEMP TABLE ours ({Columns}); CREATE TEMP TABLE theirs ({Columns});");
        var rows = Rows().ToList();

        // Ours, through a buffer far smaller than the rows (it grows) and handed over in one piece.
        using (var buffer = new PgCopyBuffer(16))
        {
            buffer.Header();
            foreach (var row in rows)
            {
                buffer.StartRow(row.Length);
                foreach (var value in row) buffer.Value(value);
            }
            buffer.Trailer();
            await using var stream = await connection.BeginRawBinaryCopyAsync("COPY ours FROM STDIN (FORMAT BINARY)");
            await stream.WriteAsync(buffer.Written);
        }

        await using (var importer = await connection.BeginBinaryImportAsync("COPY theirs FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null) await importer.WriteNullAsync();
                    else await importer.WriteAsync(row[i], Types[i]);
                }
            }
            await importer.CompleteAsync();
        }

        var ours = await ReadAsync(connection, "ours");
        var theirs = await ReadAsync(connection, "theirs");
        Assert.Equal(rows.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++) Assert.Equal(theirs[i], ours[i]);
        // The numbers kept their display scale (1.10 stays 1.10) and the long text survived whole.
        Assert.True(ours.Any(r => r.Contains("|1.10|", StringComparison.Ordinal)), string.Join("\n", ours.Select(r => r.Length > 200 ? r[..200] : r)));
        Assert.Contains(ours, r => r.Contains(new string('ü', 5000), StringComparison.Ordinal));
    }

    [Fact]
    public void ATimeThatIsNotUtc_IsRefused()
    {
        using var buffer = new PgCopyBuffer(64);
        Assert.Throws<InvalidCastException>(() => buffer.TimestampTz(new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Unspecified)));
        Assert.Throws<InvalidCastException>(() => buffer.Value(new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Local)));
    }

    [Theory]
    [InlineData("uuid", typeof(Guid?), true)]
    [InlineData("character varying", typeof(string), true)]
    [InlineData("numeric", typeof(decimal), true)]
    [InlineData("timestamp with time zone", typeof(DateTime?), true)]
    [InlineData("timestamp with time zone", typeof(DateTimeOffset), false)]
    [InlineData("text[]", typeof(string[]), false)]
    [InlineData("jsonb", typeof(string), false)]
    [InlineData("integer", typeof(long), false)]
    public void OnlyTheStoreTypesItWrites_AreSupported(string storeType, Type clrType, bool supported) =>
        Assert.Equal(supported, PgCopyBuffer.Supports(storeType, clrType));

    private static IEnumerable<object?[]> Rows()
    {
        var now = DateTime.UtcNow;
        var random = new Random(7);
        for (var k = 0; k < Numbers.Length; k++)
        {
            var n = Numbers[k];
            yield return
            [
                k, k == 0 ? Guid.Empty : Guid.NewGuid(), k % 3 == 0 ? "" : $"line {k} héllo wörld ✓ 🧾", k % 4 == 0 ? null : $"v{k}",
                n, Math.Abs(n) < 99999999999999m ? decimal.Round(n, 4) : null,
                k switch { 1 => DateTime.MinValue, 2 => DateTime.MaxValue, _ => now.AddTicks(random.Next(0, 10_000_000)) },
                k % 2 == 0, (short)(k * 1000 - 10000), k * -123456, k == 5 ? long.MinValue : k == 6 ? long.MaxValue : k * 987654321L,
                k == 7 ? DateOnly.MinValue : k == 8 ? DateOnly.MaxValue : DateOnly.FromDateTime(now).AddDays(k * -400),
                k % 5 == 0 ? null : new TimeOnly(random.NextInt64(0, TimeOnly.MaxValue.Ticks)),
            ];
        }
        yield return [Numbers.Length, Guid.NewGuid(), new string('ü', 5000), null, null, null, null, null, null, null, null, null, null];
    }

    /// <summary>Each row as the server prints it, in key order.</summary>
    private static async Task<List<string>> ReadAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT r::text FROM {table} r ORDER BY k", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0).Replace(',', '|'));
        return rows;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
