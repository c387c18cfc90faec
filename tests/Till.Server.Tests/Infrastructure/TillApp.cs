using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Till.Core.Pricing;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on one provider. One instance per provider is shared by the whole
/// test assembly; tests stay independent by each creating their own tenant (see <see cref="CreateTenantAsync"/>),
/// which also exercises tenant isolation on every test.
/// </summary>
public abstract class TillApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string TestSigningKey = "till-tests-signing-key-0123456789-abcdefghijklmnop";
    private int _tenantCounter;

    internal abstract DatabaseProvider Provider { get; }

    protected internal abstract string ConnectionString { get; }

    /// <summary>Extra configuration a derived app (or a test) needs.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public virtual ValueTask InitializeAsync()
    {
        // Building the server applies migrations; doing it here keeps the first test's timing honest.
        _ = Server;
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = ConnectionString,
            ["Database:SeedDemoData"] = "false",
            ["Jwt:SigningKey"] = TestSigningKey,
            ["RateLimiting:PermitsPerMinute"] = "100000",
            ["RateLimiting:LoginPermitsPerMinute"] = "100000",
            ["Logging:FileEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Till:DataDirectory"] = Path.Combine(Path.GetTempPath(), "till-tests", Guid.NewGuid().ToString("N")),
        }.Concat(ExtraSettings)));
    }

    /// <summary>A fresh tenant with an owner, its built-in roles and one branch.</summary>
    internal Task<TestTenant> CreateTenantAsync(string currency = "USD", TaxMode taxMode = TaxMode.Exclusive) =>
        ProvisionAsync("t", currency, taxMode, isPlatform: false);

    /// <summary>
    /// A platform tenant whose owner is a super-admin (as the demo's <c>platform</c> tenant), signed
    /// in as <c>Owner</c>: for the endpoints above tenants, such as issuing licences.
    /// </summary>
    internal Task<TestTenant> CreatePlatformAdminAsync() => ProvisionAsync("p", "USD", TaxMode.Exclusive, isPlatform: true);

    private async Task<TestTenant> ProvisionAsync(string prefix, string currency, TaxMode taxMode, bool isPlatform)
    {
        var code = $"{prefix}{Interlocked.Increment(ref _tenantCounter)}-{Guid.NewGuid():N}"[..30];
        await using var scope = Services.CreateAsyncScope();
        var provisioner = scope.ServiceProvider.GetRequiredService<TenantProvisioner>();
        var created = await provisioner.CreateAsync(new NewTenant(code, $"Tenant {code}", "owner", TestTenant.Password, "Test Owner",
            "B1", "Branch one", currency, "UTC", taxMode, IsPlatform: isPlatform), CancellationToken.None);
        var tenant = new TestTenant(this, code, created);
        tenant.Owner = await tenant.LoginAsync("owner");
        return tenant;
    }

    /// <summary>An HTTP client with no credentials.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient WithToken(string accessToken)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext acting as <paramref name="tenantId"/>.</summary>
    internal async Task<T> WithDbAsync<T>(Guid tenantId, Func<TillDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        db.Tenant.Use(tenantId);
        return await work(db);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}
