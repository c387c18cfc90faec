using Microsoft.Extensions.Configuration;
using Npgsql;
using Till.Server.Data;
using Till.Server.Tests.Infrastructure;

namespace Till.Simulation.Tests;

/// <summary>
/// The real server in-process on one database that outlives the host: <see cref="RestartAsync"/>
/// stops the host and starts a new one on the same data, as a server restart does.
/// </summary>
public abstract class SimServer : IAsyncLifetime
{
    // A restarted server keeps its data folder (licence signing key and the rest), as a real one does.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "till-tests", $"sim-{Guid.NewGuid():N}");
    private SimApp? _app;

    internal abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>The host currently running.</summary>
    public TillApp App => _app ?? throw new InvalidOperationException("Not started.");

    /// <summary>How many times the host was restarted.</summary>
    public int Restarts { get; private set; }

    public virtual ValueTask InitializeAsync()
    {
        _app = new SimApp(Provider, ConnectionString, _dataDirectory);
        _ = _app.Server;
        return ValueTask.CompletedTask;
    }

    /// <summary>Time spent restarting the host, in all.</summary>
    public TimeSpan RestartTime { get; private set; }

    public async Task RestartAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var old = _app!;
        await old.DisposeAsync();
        _app = new SimApp(Provider, ConnectionString, _dataDirectory);
        _ = _app.Server;
        Restarts++;
        RestartTime += watch.Elapsed;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    private sealed class SimApp(DatabaseProvider provider, string connectionString, string dataDirectory) : TillApp
    {
        internal override DatabaseProvider Provider => provider;

        protected internal override string ConnectionString => connectionString;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection([new("Till:DataDirectory", dataDirectory)]));
        }
    }
}

public sealed class SqliteSimServer : SimServer
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"till-sim-{Guid.NewGuid():N}.db");

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={_file}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }
}

public sealed class PostgresSimServer : SimServer
{
    private readonly string _database = $"till_sim_{Guid.NewGuid():N}";

    internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = _database, MaxPoolSize = 100 }.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
