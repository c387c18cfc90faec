using System.Net;
using System.Net.Http.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Tenancy;

/// <summary>A signed-in user of tenant A never sees, changes or learns of tenant B's rows.</summary>
public abstract class IsolationTests(TillApp app)
{
    [Fact]
    public async Task OtherTenantsIds_Answer404OnEveryRead()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var device = await CreateDeviceAsync(b);
        var auditId = (await (await b.Owner.Client.GetAsync("/api/audit-logs?per_page=1")).NodeAsync())["data"]![0]!["id"]!.GetValue<Guid>();

        string[] urls =
        [
            $"/api/users/{b.OwnerId}",
            $"/api/branches/{b.BranchId}",
            $"/api/warehouses/{b.WarehouseId}",
            $"/api/devices/{device}",
            $"/api/roles/{b.RoleId("cashier")}",
            $"/api/audit-logs/{auditId}",
        ];
        foreach (var url in urls)
        {
            var response = await a.Owner.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            // The same ids are visible to their own tenant, so the 404 is isolation, not a bad id.
            Assert.Equal(HttpStatusCode.OK, (await b.Owner.Client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task OtherTenantsIds_Answer404OnWrites_AndNothingChanges()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();

        var update = await a.Owner.Client.PutAsJsonAsync($"/api/users/{b.OwnerId}", new { full_name = "Hijacked", role_id = a.RoleId("owner"), is_active = false });
        var password = await a.Owner.Client.PutAsJsonAsync($"/api/users/{b.OwnerId}/password", new { password = "hijacked-password" });
        var delete = await a.Owner.Client.DeleteAsync($"/api/branches/{b.BranchId}");

        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, password.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var owner = await (await b.Owner.Client.GetAsync($"/api/users/{b.OwnerId}")).NodeAsync();
        Assert.Equal("Test Owner", owner["full_name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await b.Owner.Client.GetAsync($"/api/branches/{b.BranchId}")).StatusCode);
        await b.LoginAsync("owner");
    }

    [Fact]
    public async Task Lists_ShowOnlyTheCallersTenant()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        await b.AddUserAsync("only-in-b", "cashier");

        var users = await (await a.Owner.Client.GetAsync("/api/users?per_page=500")).NodeAsync();
        var audit = await (await a.Owner.Client.GetAsync("/api/audit-logs?per_page=500")).NodeAsync();
        var branches = await (await a.Owner.Client.GetAsync("/api/branches")).NodeAsync();

        Assert.Equal(1, users["meta"]!["total"]!.GetValue<int>());
        Assert.DoesNotContain(users["data"]!.AsArray(), u => u!["username"]!.GetValue<string>() == "only-in-b");
        Assert.DoesNotContain(audit["data"]!.AsArray(), e => e!["entity_id"]?.GetValue<string>() == b.OwnerId.ToString());
        Assert.Equal(1, branches["meta"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreatingAUser_WithAnotherTenantsRoleOrBranch_IsRefused()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();

        var response = await a.Owner.Client.PostAsJsonAsync("/api/users", new
        {
            username = "sneaky", full_name = "Sneaky", password = "password-123", role_id = b.RoleId("owner"), branch_id = b.BranchId,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.NodeAsync())["errors"]!;
        Assert.NotNull(errors["role_id"]);
        Assert.NotNull(errors["branch_id"]);
    }

    private static async Task<Guid> CreateDeviceAsync(TestTenant tenant)
    {
        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/devices", new { branch_id = tenant.BranchId, code = "T1", name = "Till 1" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }
}

public sealed class IsolationTestsSqlite(SqliteApp app) : IsolationTests(app);

public sealed class IsolationTestsPostgres(PostgresApp app) : IsolationTests(app);
