using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Realtime;

/// <summary>Two server processes on one PostgreSQL database and one Redis: an event raised on node 1 reaches a client of node 2.</summary>
[Collection(RealtimeCollection.Name)]
public sealed class BackplaneTests(PostgresApp app)
{
    public static string RedisConfiguration => Environment.GetEnvironmentVariable("TILL_TEST_REDIS") ?? "127.0.0.1:56379";

    [Fact]
    public async Task AnEventOnNodeOne_ReachesAClientConnectedToNodeTwo()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = app.ConnectionString,
            ["Database:SeedDemoData"] = "false",
            ["Jwt:SigningKey"] = TillApp.TestSigningKey,
            ["Redis:Configuration"] = RedisConfiguration,
        };
        await using var node1 = await ServerProcess.StartAsync(settings);
        await using var node2 = await ServerProcess.StartAsync(settings);
        await using var client = await HubClient.ConnectAsync(node2.Address, till.Session.AccessToken);
        using var http = new HttpClient { BaseAddress = node1.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Owner.AccessToken);

        var created = await http.PostAsJsonAsync("/api/users", new
        {
            username = "via-node-1", full_name = "Via node 1", password = TestTenant.Password, role_id = tenant.RoleId("cashier"), branch_id = tenant.BranchId,
        });

        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var nudge = await client.WaitForAsync("changes.available",
            p => p.GetProperty("branch_id").ValueKind != JsonValueKind.Null && p.GetProperty("branch_id").GetGuid() == tenant.BranchId, timeoutMs: 5000);
        Assert.True(nudge.GetProperty("server_seq").GetInt64() > 0);
        var health = await (await http.GetAsync("/health")).NodeAsync();
        Assert.Equal("healthy", health["checks"]!["redis"]!["status"]!.GetValue<string>());
    }
}
