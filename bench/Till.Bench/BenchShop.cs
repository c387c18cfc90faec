using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Catalog;
using Till.Server.Tenancy;

namespace Till.Bench;

/// <summary>A tenant made through the real provisioner, with helpers to sign in owners and devices over HTTP.</summary>
internal sealed class BenchShop
{
    public const string Password = "bench-password-1";
    private readonly BenchServer _server;

    private BenchShop(BenchServer server, string code, ProvisionedTenant created, HttpClient owner)
    {
        _server = server;
        Code = code;
        TenantId = created.TenantId;
        OwnerId = created.OwnerId;
        BranchId = created.BranchId;
        WarehouseId = created.WarehouseId;
        Owner = owner;
    }

    public string Code { get; }
    public Guid TenantId { get; }
    public Guid OwnerId { get; }
    public Guid BranchId { get; }
    public Guid WarehouseId { get; }
    public HttpClient Owner { get; }

    public static async Task<BenchShop> CreateAsync(BenchServer server)
    {
        var code = $"bench-{Guid.NewGuid():N}"[..24];
        ProvisionedTenant created;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<TenantProvisioner>().CreateAsync(
                new NewTenant(code, "Bench shop", "owner", Password, "Bench Owner", "B1", "Bench branch", "IDR", "Asia/Jakarta"), CancellationToken.None);
        }

        var owner = await SignInAsync(server, code, null);
        return new BenchShop(server, code, created, owner);
    }

    public async Task<Guid> AddDeviceAsync(string deviceCode)
    {
        var response = await Owner.PostAsJsonAsync("/api/devices", new { branch_id = BranchId, code = deviceCode, name = deviceCode });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Registers a device and returns the owner's access token signed in on it.</summary>
    public async Task<string> DeviceTokenAsync(string deviceCode)
    {
        var device = await AddDeviceAsync(deviceCode);
        var client = await SignInAsync(_server, Code, device);
        return client.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    /// <summary>An HTTP client signed in on a new device, asking for gzip like a terminal.</summary>
    public async Task<HttpClient> SignInDeviceAsync(string deviceCode) => await SignInAsync(_server, Code, await AddDeviceAsync(deviceCode));

    /// <summary>
    /// Tills that sell online, as in a shop: each a device of the branch with its own licence seat
    /// (a platform admin issues the shop a licence through the API, each device activates it).
    /// </summary>
    public async Task<List<HttpClient>> LicensedTillsAsync(int count)
    {
        var platform = $"bench-p-{Guid.NewGuid():N}"[..24];
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantProvisioner>().CreateAsync(
                new NewTenant(platform, "Bench platform", "owner", Password, "Platform Admin", "P1", "Platform", "USD", "UTC", IsPlatform: true), CancellationToken.None);
        }
        var admin = await SignInAsync(_server, platform, null);
        var issued = await admin.PostAsJsonAsync("/api/license/generate", new { tenant_id = TenantId, plan = "pro", seats = count, features = new[] { "restaurant", "loyalty" }, expires_at = DateTime.UtcNow.AddYears(1) });
        if (!issued.IsSuccessStatusCode) throw new InvalidOperationException($"Licence generation failed: {(int)issued.StatusCode} {await issued.Content.ReadAsStringAsync()}");
        string key;
        using (var json = JsonDocument.Parse(await issued.Content.ReadAsStringAsync())) key = json.RootElement.GetProperty("key").GetString()!;

        var tills = new List<HttpClient>(count);
        for (var i = 0; i < count; i++)
        {
            var device = await AddDeviceAsync($"T{i + 1}");
            var till = await SignInAsync(_server, Code, device);
            var activated = await till.PostAsJsonAsync("/api/license/activate", new { license_key = key, device_id = device, fingerprint = $"bench-till-{i + 1}" });
            if (!activated.IsSuccessStatusCode) throw new InvalidOperationException($"Activation failed: {(int)activated.StatusCode} {await activated.Content.ReadAsStringAsync()}");
            tills.Add(till);
        }
        return tills;
    }

    /// <summary>N products with EAN-13 barcodes through POST /api/products/import.</summary>
    public async Task ImportProductsAsync(int rows)
    {
        var csv = new StringBuilder("sku,name,price,cost,tax_rate,unit,category,brand,barcodes\n");
        for (var i = 0; i < rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"BENCH-{i:D7},Bench product {i},{1000 + i % 50_000 * 10},{700 + i % 50_000 * 7},11,pcs,Category {i % 10},Brand {i % 250},{Barcode.Ean13($"2{i:D11}")}\n");
        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        var response = await Owner.PostAsync("/api/products/import", content);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Import failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Counts <paramref name="quantity"/> of each product into the branch's warehouse (POST /api/inventory/counts), as a shop that has stock.</summary>
    public async Task StockAsync(IEnumerable<Guid> products, decimal quantity)
    {
        var response = await Owner.PostAsJsonAsync("/api/inventory/counts", new
        {
            warehouse_id = WarehouseId,
            notes = "Opening stock",
            lines = products.Select(p => new { product_id = p, counted_quantity = quantity }).ToList(),
        });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Stock count failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<HttpClient> SignInAsync(BenchServer server, string code, Guid? device)
    {
        // A real client over loopback, decompressing gzip like a terminal's.
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromMinutes(30),
        };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { tenant = code, username = "owner", password = Password, device_id = device });
        login.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return client;
    }
}
