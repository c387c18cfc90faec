using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Till.Server.Data;

namespace Till.Server.Hosting;

internal static partial class StartupExtensions
{
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(app.Lifetime.ApplicationStopping);
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>Once listening: where the server is, and the demo logins when the demo data exists.</summary>
    public static void LogStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Till.Server");
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var db = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            foreach (var address in addresses) LogListening(logger, address, address);
            var seeded = db.SeedDemoData ?? db.Provider == DatabaseProvider.Sqlite;
            if (seeded)
            {
                LogDemo(logger, DemoData.Password);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Till is listening on {Address} (API reference: {DocsBase}/docs)")]
    private static partial void LogListening(ILogger logger, string address, string docsBase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo logins (password '{Password}'): tenant 'demo': owner, manager, cashier1, cashier2 (PINs 1111, 2222); tenant 'demo2': owner; tenant 'platform': superadmin")]
    private static partial void LogDemo(ILogger logger, string password);
}
