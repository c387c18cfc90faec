using System.Net.Http.Json;
using System.Text.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Realtime;

public abstract class RealtimeTests(TillApp app)
{
    [Fact]
    public async Task ABranchChange_ReachesThatBranchsDevices_AndNoOtherBranchOrTenant()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var second = await tenant.AddBranchAsync("B2");
        var tillA = await tenant.AddDeviceAsync("T1");
        var tillB = await tenant.AddDeviceAsync("T2", second);
        var foreign = await other.AddDeviceAsync("T1");
        await using var a = await HubClient.ConnectAsync(app.Server, tillA.Session.AccessToken);
        await using var b = await HubClient.ConnectAsync(app.Server, tillB.Session.AccessToken);
        await using var c = await HubClient.ConnectAsync(app.Server, foreign.Session.AccessToken);
        await a.WaitForAsync("presence");

        var cashier = await tenant.AddUserAsync("branch-a-cashier", "cashier", tenant.BranchId);

        var nudge = await a.WaitForAsync("changes.available", p => p.GetProperty("branch_id").ValueKind != JsonValueKind.Null);
        Assert.Equal(tenant.BranchId, nudge.GetProperty("branch_id").GetGuid());
        Assert.True(nudge.GetProperty("server_seq").GetInt64() > 0, nudge.GetRawText());
        // Give any misrouted message time to arrive before asserting it did not.
        await Task.Delay(300);
        Assert.False(b.Has("changes.available", p => p.GetProperty("branch_id").ValueKind != JsonValueKind.Null && p.GetProperty("branch_id").GetGuid() == tenant.BranchId));
        Assert.False(c.Has("changes.available"));
        // The other tenant sees only its own presence, never this tenant's devices.
        Assert.False(c.Has("presence", p => p.GetProperty("device_id").ValueKind != JsonValueKind.Null && p.GetProperty("device_id").GetGuid() != foreign.DeviceId));
        _ = cashier;
    }

    [Fact]
    public async Task ATenantWideChange_ReachesEveryDeviceOfTheTenant_Only()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var second = await tenant.AddBranchAsync("B2");
        var tillB = await tenant.AddDeviceAsync("T2", second);
        var foreign = await other.AddDeviceAsync("T1");
        await using var b = await HubClient.ConnectAsync(app.Server, tillB.Session.AccessToken);
        await using var c = await HubClient.ConnectAsync(app.Server, foreign.Session.AccessToken);

        await tenant.AddBranchAsync("B3");

        await b.WaitForAsync("changes.available", p => p.GetProperty("branch_id").ValueKind == JsonValueKind.Null);
        await b.WaitForAsync("settings.changed");
        await Task.Delay(300);
        Assert.False(c.Has("changes.available"));
        Assert.False(c.Has("settings.changed"));
    }

    [Fact]
    public async Task ACheckout_SendsOrderCreatedAndAChangesNudgeToItsBranch_AndNothingToOthers()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var second = await tenant.AddBranchAsync("B2");
        var tillA = await tenant.AddDeviceAsync("T1");
        var tillB = await tenant.AddDeviceAsync("T2", second);
        var foreign = await other.AddDeviceAsync("T1");
        var product = await Sync.PushTests.CreateProductAsync(tenant, "SOLD-1");
        await using var a = await HubClient.ConnectAsync(app.Server, tillA.Session.AccessToken);
        await using var b = await HubClient.ConnectAsync(app.Server, tillB.Session.AccessToken);
        await using var c = await HubClient.ConnectAsync(app.Server, foreign.Session.AccessToken);
        var before = (await a.InvokeAsync<JsonElement>("Heartbeat")).GetProperty("server_seq").GetInt64();

        var checkout = await tenant.Owner.Client.PostAsJsonAsync("/api/orders", new
        {
            branch_id = tenant.BranchId,
            lines = new[] { new { product_id = product, quantity = 1 } },
            payments = new[] { new { method = "CASH", amount = 20_000 } },
        });
        Assert.True(checkout.StatusCode == System.Net.HttpStatusCode.Created, await checkout.Content.ReadAsStringAsync());
        var orderId = (await checkout.NodeAsync())["id"]!.GetValue<Guid>();

        var created = await a.WaitForAsync("order.created", p => p.GetProperty("id").GetGuid() == orderId);
        await a.WaitForAsync("changes.available", p => p.GetProperty("branch_id").ValueKind != JsonValueKind.Null);
        Assert.Equal(tenant.BranchId, created.GetProperty("branch_id").GetGuid());
        // The nudge names the sequence a device must pull to, the sale's last change included (its order, lines and stock levels).
        var latest = (await a.InvokeAsync<JsonElement>("Heartbeat")).GetProperty("server_seq").GetInt64();
        await a.WaitForAsync("changes.available", p => p.GetProperty("branch_id").ValueKind != JsonValueKind.Null && p.GetProperty("server_seq").GetInt64() == latest);
        await Task.Delay(300);
        // One nudge for the sale, not one per row it logged.
        Assert.True(latest > before);
        Assert.Single(a.Received, r => r.Event == "changes.available" && r.Payload.GetProperty("server_seq").GetInt64() > before);
        Assert.False(b.Has("order.created"));
        Assert.False(b.Has("changes.available", p => p.GetProperty("branch_id").ValueKind != JsonValueKind.Null && p.GetProperty("branch_id").GetGuid() == tenant.BranchId));
        Assert.False(c.Has("order.created"));
        Assert.False(c.Has("changes.available"));
    }

    [Fact]
    public async Task FallingUnderMinStock_SendsLowStockToThatBranch()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var product = await Sync.PushTests.CreateProductAsync(tenant, "LOW-1");
        await tenant.Owner.Client.PutAsJsonAsync($"/api/products/{product}/branches/{tenant.BranchId}", new { min_stock = 5, is_available = true });
        await tenant.Owner.Client.PutAsJsonAsync($"/api/products/{product}/stock", new { movement_type = "adjustment", quantity = 10, warehouse_id = tenant.WarehouseId });
        await using var client = await HubClient.ConnectAsync(app.Server, till.Session.AccessToken);

        await tenant.Owner.Client.PutAsJsonAsync($"/api/products/{product}/stock", new { movement_type = "adjustment", quantity = -6, warehouse_id = tenant.WarehouseId });

        var alert = await client.WaitForAsync("inventory.low_stock", timeoutMs: 5000);
        Assert.Equal(product, alert.GetProperty("product_id").GetGuid());
        Assert.Equal(4m, alert.GetProperty("quantity").GetDecimal());
        await client.WaitForAsync("activity.new", p => p.GetProperty("kind").GetString() == "inventory.low_stock", timeoutMs: 5000);
    }

    [Fact]
    public async Task Heartbeat_AnswersServerSequence_AndMarksTheDeviceSeen()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        await using var client = await HubClient.ConnectAsync(app.Server, till.Session.AccessToken);

        var answer = await client.InvokeAsync<JsonElement>("Heartbeat");
        var device = await (await tenant.Owner.Client.GetAsync($"/api/devices/{till.DeviceId}")).NodeAsync();

        Assert.True(answer.GetProperty("server_seq").GetInt64() > 0);
        Assert.NotNull(device["last_seen_at"]);
    }

    [Fact]
    public async Task Health_CountsConnectedClients()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        await using var client = await HubClient.ConnectAsync(app.Server, till.Session.AccessToken);

        // The hub registers a connection after its handshake (groups first, then presence): ask until it shows, for a few seconds at most.
        var connected = 0;
        for (var attempt = 0; attempt < 50 && connected < 1; attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            var health = await (await app.Anonymous().GetAsync("/health")).NodeAsync();
            connected = health["checks"]!["realtime"]!["data"]!["connected_clients"]!.GetValue<int>();
        }

        Assert.True(connected >= 1);
    }

    [Fact]
    public async Task ABackOfficeUserCannotJoinAnotherTenantsBranch()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        await using var client = await HubClient.ConnectAsync(app.Server, tenant.Owner.AccessToken);

        Assert.True(await client.InvokeAsync<bool>("JoinBranch", tenant.BranchId));
        Assert.False(await client.InvokeAsync<bool>("JoinBranch", other.BranchId));
    }
}

// Latency assertions (one second) run alone, after the parallel tests, not on a machine busy with them.
[Collection(RealtimeCollection.Name)]
public sealed class RealtimeTestsSqlite(SqliteApp app) : RealtimeTests(app);

[Collection(RealtimeCollection.Name)]
public sealed class RealtimeTestsPostgres(PostgresApp app) : RealtimeTests(app);

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealtimeCollection
{
    public const string Name = "realtime";
}
