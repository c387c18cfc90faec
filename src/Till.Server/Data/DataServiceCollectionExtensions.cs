using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Till.Server.Hosting;

namespace Till.Server.Data;

internal static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TillDbContext"/> on the configured provider. Everything is read from
    /// options when first resolved, so configuration added late (tests, command line) applies.
    /// The context options are built once per server, not once per request (building them each
    /// time cost every request a connection-string parse and EF's lookups keyed by the options).
    /// </summary>
    public static IHostApplicationBuilder AddTillData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .PostConfigure<IConfiguration>((o, config) => o.ConnectionString ??= config.GetConnectionString("Till"))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:Provider is Postgres but no Database:ConnectionString (or ConnectionStrings:Till) is set.")
            .ValidateOnStart();
        services.AddSingleton<StampingInterceptor>();
        services.AddSingleton<BulkSaver>();
        services.AddSingleton<Events.DomainEventPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<Events.DomainEventPublisher>());
        services.AddSingleton<Events.DomainEventDispatcher>();

        // Contexts are pooled: setting up a context's own services (a few dozen, resolved from Entity
        // Framework's internal provider) was about a tenth of a checkout's CPU. Each scope rents one and
        // gives it the scope's tenant (TillDbContext.Rent); disposing the scope returns it.
        services.AddPooledDbContextFactory<PostgresTillDbContext>((sp, o) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            o.UseNpgsql(PostgresConnectionString(db.ConnectionString!), npgsql => npgsql.CommandTimeout(db.CommandTimeoutSeconds))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<StampingInterceptor>(), sp.GetRequiredService<Events.DomainEventDispatcher>());
        });
        services.AddPooledDbContextFactory<SqliteTillDbContext>((sp, o) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            o.UseSqlite(SqliteConnectionString(sp, db), sqlite => sqlite.CommandTimeout(db.CommandTimeoutSeconds))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<StampingInterceptor>(), sp.GetRequiredService<Events.DomainEventDispatcher>(), SqlitePragmas.Instance);
        });
        services.AddScoped<TillDbContext>(sp =>
            (sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<IDbContextFactory<PostgresTillDbContext>>().CreateDbContext()
                : (TillDbContext)sp.GetRequiredService<IDbContextFactory<SqliteTillDbContext>>().CreateDbContext())
            .Rent(sp.GetRequiredService<Tenancy.TenantContext>()));

        services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    /// <summary>The configured one, or till.db in the data folder.</summary>
    /// <summary>
    /// Pool settings for short units of work, unless the connection string sets them: no
    /// <c>DISCARD ALL</c> round trip each time a pooled connection is reused (Till keeps no session
    /// state: its locks are transaction-scoped), and statements used twice are prepared once per
    /// connection (a checkout runs the same dozen statements every time).
    /// </summary>
    internal static string PostgresConnectionString(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(IServiceProvider sp, DatabaseOptions db)
    {
        if (!string.IsNullOrWhiteSpace(db.ConnectionString)) return db.ConnectionString;
        var folder = sp.GetRequiredService<IOptions<TillOptions>>().Value.ResolveDataDirectory(sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
        return $"Data Source={Path.Combine(folder, "till.db")}";
    }
}
