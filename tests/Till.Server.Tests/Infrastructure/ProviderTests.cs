using Microsoft.EntityFrameworkCore;
using Till.Server.Data;

namespace Till.Server.Tests.Infrastructure;

public abstract class ProviderTests(TillApp app)
{
    [Fact]
    public async Task TheAppRunsOnItsProvider_WithEveryMigrationApplied()
    {
        var tenant = await app.CreateTenantAsync();

        var (provider, pending) = await app.WithDbAsync(tenant.Id, async db =>
            (db.Database.ProviderName, (await db.Database.GetPendingMigrationsAsync()).Count()));

        Assert.Equal(app.Provider == DatabaseProvider.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
        Assert.Equal(0, pending);
    }
}

public sealed class ProviderTestsSqlite(SqliteApp app) : ProviderTests(app);

public sealed class ProviderTestsPostgres(PostgresApp app) : ProviderTests(app);
