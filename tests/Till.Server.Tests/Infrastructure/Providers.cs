using Npgsql;
using Till.Server.Data;

namespace Till.Server.Tests.Infrastructure;

/// <summary>The embedded default: a SQLite file in a temporary folder.</summary>
public sealed class SqliteApp : TillApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"till-test-{Guid.NewGuid():N}.db");

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected internal override string ConnectionString => $"Data Source={_file}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// A real PostgreSQL server (TILL_TEST_POSTGRES, which the test script sets after starting one).
/// Each run gets its own database, dropped at the end.
/// </summary>
public sealed class PostgresApp : TillApp
{
    private readonly string _database = $"till_test_{Guid.NewGuid():N}";

    internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("TILL_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres";

    protected internal override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database, MaxPoolSize = 100 }.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{ServerConnectionString}'. Run the tests with scripts/test.sh, which starts one, or set TILL_TEST_POSTGRES.", e);
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }
}
