using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Till.Bench;

/// <summary>The real server (all middleware, auth, validation, EF, PostgreSQL) hosted in this process.</summary>
internal sealed class BenchServer : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public BenchServer(string connectionString)
    {
        _connectionString = connectionString;
        // The server needs no files from its project folder: run it from the bench's output folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TILL_SERVER", AppContext.BaseDirectory);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _connectionString,
            ["Database:SeedDemoData"] = "false",
            ["Database:CommandTimeoutSeconds"] = "600",
            ["Jwt:SigningKey"] = "till-bench-signing-key-0123456789-abcdefghijklmnop",
            ["RateLimiting:PermitsPerMinute"] = "100000",
            ["RateLimiting:LoginPermitsPerMinute"] = "100000",
            ["Logging:FileEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Till:DataDirectory"] = Path.Combine(Path.GetTempPath(), "till-bench"),
        }));
    }
}
