using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Till.Bench;

/// <summary>The real server (all middleware, auth, validation, EF, PostgreSQL) hosted in this process.</summary>
internal sealed class BenchServer : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    /// <param name="kestrel">Serve over real sockets on a loopback port (for HTTP and WebSocket clients of its own).</param>
    public BenchServer(string connectionString, bool kestrel = false)
    {
        _connectionString = connectionString;
        if (kestrel) UseKestrel(0);
        // The server needs no files from its project folder: run it from the bench's output folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TILL_SERVER", AppContext.BaseDirectory);
    }

    /// <summary>Where the server listens (Kestrel mode); starts it on first use.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
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
