using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;
using Till.Server.Tests.Licensing;
using Till.Terminal;

namespace Till.Sdk.Tests;

/// <summary>Till.Terminal's local REST API against the real server: activation, PIN sign-in, selling, the licence refusal.</summary>
public abstract class TerminalAppTests(TillApp app) : IDisposable
{
    private const string Pin = "4321";
    private readonly List<string> _dirs = [];

    /// <summary>Removes the terminals' data folders (each test has disposed its terminal by then).</summary>
    public void Dispose()
    {
        foreach (var dir in _dirs.Where(Directory.Exists)) Directory.Delete(dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(WebApplication Terminal, HttpClient Client, string Dir)> StartTerminalAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"till-terminal-app-{Guid.NewGuid():N}");
        _dirs.Add(dir);
        var terminal = TerminalProgram.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration["Terminal:DataDirectory"] = dir;
            b.Services.PostConfigure<TerminalOptions>(o =>
            {
                o.ServerHandler = app.Server.CreateHandler;
                o.Realtime = false;
            });
        });
        await terminal.StartAsync();
        return (terminal, terminal.GetTestClient(), dir);
    }

    private async Task<(TestTenant Tenant, string LicenseKey, Guid Product, string Barcode)> TenantAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await app.GenerateLicenseAsync(tenant, seats: 2);
        var barcode = CatalogTestData.NewEan13();
        var product = (await tenant.Owner.Client.CreateProductAsync("TEA", 3.20m, barcodes: [barcode], name: "Green Tea"))["id"]!.GetValue<Guid>();
        // The owner's PIN is set on the server, so every pull mirrors it (a hash written only into the
        // local mirror is replaced by the server's row at the next pull).
        var pin = await tenant.Owner.Client.PutAsJsonAsync($"/api/users/{tenant.OwnerId}/pin", new { pin = Pin });
        Assert.Equal(HttpStatusCode.NoContent, pin.StatusCode);
        return (tenant, license.Key, product, barcode);
    }

    private static object Activation(TestTenant tenant, string? key) => new
    {
        server_url = "http://localhost/",
        tenant = tenant.Code,
        license_key = key,
        username = "owner",
        password = TestTenant.Password,
        device_code = "T9",
    };

    /// <summary>Gives a mirrored user a PIN, as a server that syncs <c>pin_hash</c> would.</summary>
    private static void GivePin(WebApplication terminal, Guid userId)
    {
        var host = terminal.Services.GetRequiredService<TerminalHost>();
        var user = host.Store.GetEntity("user", userId)!;
        var data = JsonNode.Parse(user.Data.GetRawText())!.AsObject();
        data["pin_hash"] = BCrypt.Net.BCrypt.EnhancedHashPassword(Pin, 4);
        host.Store.Write(tx => LocalStore.Exec(tx, "UPDATE entities SET server_data = $a WHERE entity = 'user' AND id = $b", data.ToJsonString(), userId));
    }

    [Fact]
    public async Task Activate_RefusedForWantOfALicence_LeavesNoDevice_AndTheSameTillCodeActivatesOnceThereIsOne()
    {
        var tenant = await app.CreateTenantAsync();
        var (terminal, client, _) = await StartTerminalAsync();
        await using var _t = terminal;

        var refused = await client.PostAsJsonAsync("/api/activation", Activation(tenant, key: null));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        // The server's reason reaches the person activating in words, not as a JSON document.
        var reason = (await refused.NodeAsync())["detail"]!.GetValue<string>();
        Assert.Contains("license_key: ", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("{", reason, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Devices.CountAsync(d => d.Code == "T9")));

        var license = await app.GenerateLicenseAsync(tenant, seats: 1);
        var activated = await client.PostAsJsonAsync("/api/activation", Activation(tenant, license.Key));
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(tenant.Id, db => db.Devices.CountAsync(d => d.Code == "T9")));
    }

    [Fact]
    public async Task Activate_ThenSellByBarcodeWithAPin_TheSaleReachesTheServerOnce()
    {
        var (tenant, key, product, barcode) = await TenantAsync();
        var (terminal, client, _) = await StartTerminalAsync();
        await using var _t = terminal;

        var activated = await client.PostAsJsonAsync("/api/activation", Activation(tenant, key));
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var found = await (await client.GetAsync($"/api/products?barcode={barcode}")).NodeAsync();
        Assert.Equal(product, found[0]!["id"]!.GetValue<Guid>());
        var unsigned = await client.PostAsJsonAsync("/api/sales", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        GivePin(terminal, tenant.OwnerId);
        var session = await (await client.PostAsJsonAsync("/api/session", new { username = "owner", pin = Pin })).NodeAsync();
        client.DefaultRequestHeaders.Add(TerminalApi.SessionHeader, session["token"]!.GetValue<string>());
        var sale = await client.PostAsJsonAsync("/api/sales", new
        {
            lines = new[] { new { product_id = product, quantity = 2 } },
            payments = new[] { new { method = "cash", amount = 10m } },
        });
        var order = await sale.NodeAsync();
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
        Assert.Equal("B1-T9-000001", order["number"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/sync/run", null)).StatusCode);
        var sync = await (await client.GetAsync("/api/sync")).NodeAsync();
        Assert.Equal(0, sync["status"]!["queue_length"]!.GetValue<int>());
        var deviceId = (await activated.NodeAsync())["device_id"]!.GetValue<Guid>();
        Assert.Equal(1, await app.WithDbAsync(tenant.Id, db => db.AppliedMutations.CountAsync(m => m.DeviceId == deviceId && m.Kind == "order.complete")));
    }

    [Fact]
    public async Task Tab_OpenedAddedToAndPaidThroughTheLocalApi_ReachesTheServerAsOneOrder()
    {
        var (tenant, key, product, _) = await TenantAsync();
        var (terminal, client, _) = await StartTerminalAsync();
        await using var _t = terminal;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/activation", Activation(tenant, key))).StatusCode);
        GivePin(terminal, tenant.OwnerId);
        var session = await (await client.PostAsJsonAsync("/api/session", new { username = "owner", pin = Pin })).NodeAsync();
        client.DefaultRequestHeaders.Add(TerminalApi.SessionHeader, session["token"]!.GetValue<string>());

        var opened = await client.PostAsJsonAsync("/api/tabs", new { guests = 2, order_type = "dine_in" });
        var tabId = (await opened.NodeAsync())["order_id"]!.GetValue<Guid>();
        var line = await client.PostAsJsonAsync($"/api/tabs/{tabId}/lines", new { product_id = product, quantity = 3 });
        var lineId = (await line.NodeAsync())["line_id"]!.GetValue<Guid>();
        var changed = await client.PatchAsJsonAsync($"/api/tabs/{tabId}/lines/{lineId}", new { quantity = 2 });
        var unpaid = await client.PostAsJsonAsync($"/api/tabs/{tabId}/pay", new { payments = Array.Empty<object>() });
        var open = await (await client.GetAsync("/api/tabs")).NodeAsync();
        var paid = await client.PostAsJsonAsync($"/api/tabs/{tabId}/pay", new { payments = new[] { new { method = "cash", amount = 20m } } });

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, line.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unpaid.StatusCode);
        Assert.Single(open.AsArray());
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("B1-T9-000001", (await paid.NodeAsync())["number"]!.GetValue<string>());
        Assert.Empty((await (await client.GetAsync("/api/tabs")).NodeAsync()).AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/sync/run", null)).StatusCode);
        var order = await app.WithDbAsync(tenant.Id, db => db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == tabId));
        Assert.Equal(2m, Assert.Single(order.Lines, l => !l.IsDeleted).Quantity);
        Assert.Equal("B1-T9-000001", order.Number);
    }

    [Fact]
    public async Task Sale_WhenTheLicenceTokenIsNotValid_IsRefusedWith403_AndNothingIsWritten()
    {
        var (tenant, key, product, _) = await TenantAsync();
        var (terminal, client, _) = await StartTerminalAsync();
        await using var _t = terminal;
        await client.PostAsJsonAsync("/api/activation", Activation(tenant, key));
        GivePin(terminal, tenant.OwnerId);
        var session = await (await client.PostAsJsonAsync("/api/session", new { username = "owner", pin = Pin })).NodeAsync();
        client.DefaultRequestHeaders.Add(TerminalApi.SessionHeader, session["token"]!.GetValue<string>());
        var host = terminal.Services.GetRequiredService<TerminalHost>();
        host.Store.SaveLicenseToken(host.Store.LicenseToken + "tampered");

        var sale = await client.PostAsJsonAsync("/api/sales", new
        {
            lines = new[] { new { product_id = product, quantity = 1 } },
            payments = new[] { new { method = "cash", amount = 5m } },
        });
        var status = await (await client.GetAsync("/api/status")).NodeAsync();

        Assert.True(sale.StatusCode == HttpStatusCode.Forbidden, $"{(int)sale.StatusCode} {await sale.Content.ReadAsStringAsync()} session={session.ToJsonString()}");
        Assert.Contains("Selling is blocked", (await sale.NodeAsync())["detail"]!.GetValue<string>());
        Assert.False(status["license"]!["can_sell"]!.GetValue<bool>());
        Assert.Empty(host.Register.GetOrders());
        Assert.Equal(0, host.Store.QueueLength);
    }

    [Fact]
    public async Task PinLogin_WithAWrongPin_IsRefused()
    {
        var (tenant, key, _, _) = await TenantAsync();
        var (terminal, client, _) = await StartTerminalAsync();
        await using var _t = terminal;
        await client.PostAsJsonAsync("/api/activation", Activation(tenant, key));
        GivePin(terminal, tenant.OwnerId);

        var wrong = await client.PostAsJsonAsync("/api/session", new { username = "owner", pin = "0000" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}

public sealed class TerminalAppTestsSqlite(SqliteApp app) : TerminalAppTests(app);

public sealed class TerminalAppTestsPostgres(PostgresApp app) : TerminalAppTests(app);
