using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Till.Server.Tenancy;

namespace Till.Server.Data;

/// <summary>Applies migrations and, on the first start of the embedded default, creates the demo data.</summary>
internal sealed partial class DatabaseInitializer(
    TillDbContext db, IOptions<DatabaseOptions> options, IServiceProvider services, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        // On an empty database there is no history table yet: asking it for applied migrations would log a failed query.
        var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
        var pending = await history.ExistsAsync(ct)
            ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList()
            : [.. db.Database.GetMigrations()];
        if (pending.Count > 0) LogMigrating(logger, pending.Count, db.Provider.ToString(), string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
        await Sync.PostgresSyncObjects.EnsureAsync(db, ct);
        await PostgresStatistics.EnsureAsync(db, ct);
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        if (options.Value.MigrateOnStart) await MigrateAsync(ct);

        var seed = options.Value.SeedDemoData ?? options.Value.Provider == DatabaseProvider.Sqlite;
        if (seed && !await db.Tenants.AnyAsync(ct))
        {
            await ActivatorUtilities.CreateInstance<DemoData>(services).SeedAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) on {Provider}: {Names}")]
    private static partial void LogMigrating(ILogger logger, int count, string provider, string names);
}
