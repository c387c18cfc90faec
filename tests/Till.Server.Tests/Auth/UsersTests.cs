using System.Net;
using System.Net.Http.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Auth;

public abstract class UsersTests(TillApp app)
{
    [Fact]
    public async Task List_PagesSearchesFiltersAndSorts()
    {
        var tenant = await app.CreateTenantAsync();
        for (var i = 1; i <= 7; i++) await CreateAsync(tenant, $"cashier{i}", i % 2 == 0 ? "waiter" : "cashier");

        var page2 = await (await tenant.Owner.Client.GetAsync("/api/users?page=2&per_page=3&sort=username")).NodeAsync();
        var search = await (await tenant.Owner.Client.GetAsync("/api/users?search=CASHIER3")).NodeAsync();
        var waiters = await (await tenant.Owner.Client.GetAsync($"/api/users?role_id={tenant.RoleId("waiter")}")).NodeAsync();
        var desc = await (await tenant.Owner.Client.GetAsync("/api/users?sort=-username&per_page=1")).NodeAsync();

        Assert.Equal(8, page2["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(2, page2["meta"]!["page"]!.GetValue<int>());
        Assert.Equal(["cashier4", "cashier5", "cashier6"], page2["data"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Equal("cashier3", Assert.Single(search["data"]!.AsArray())!["username"]!.GetValue<string>());
        Assert.Equal(3, waiters["meta"]!["total"]!.GetValue<int>());
        Assert.Equal("owner", desc["data"]![0]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateUpdateDelete_RoundTrips_AndBumpsVersion()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await CreateAsync(tenant, "mira", "manager");

        var updated = await tenant.Owner.Client.PutAsJsonAsync($"/api/users/{id}", new { full_name = "Mira M.", email = "mira@example.com", role_id = tenant.RoleId("supervisor"), branch_id = tenant.BranchId, is_active = true });
        var body = await updated.NodeAsync();
        var deleted = await tenant.Owner.Client.DeleteAsync($"/api/users/{id}");
        var after = await tenant.Owner.Client.GetAsync($"/api/users/{id}");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Mira M.", body["full_name"]!.GetValue<string>());
        Assert.Equal(2, body["version"]!.GetValue<long>());
        Assert.Equal(tenant.BranchId, body["branch_id"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task DisabledUser_CannotLogIn_AndLosesSessions()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("leaver", "cashier");

        await tenant.Owner.Client.PutAsJsonAsync($"/api/users/{cashier.UserId}", new { full_name = "Leaver", role_id = tenant.RoleId("cashier"), is_active = false });
        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { tenant = tenant.Code, username = "leaver", password = TestTenant.Password });
        var refresh = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = cashier.RefreshToken });

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task CustomRole_GrantsExactlyItsPermissions_AndBuiltInRolesAreReadOnly()
    {
        var tenant = await app.CreateTenantAsync();
        var role = await tenant.Owner.Client.PostAsJsonAsync("/api/roles", new { name = "hr", permissions = new[] { "users.manage" } });
        var roleId = (await role.NodeAsync())["id"]!.GetValue<Guid>();
        await tenant.Owner.Client.PostAsJsonAsync("/api/users", new { username = "hannah", full_name = "Hannah", password = TestTenant.Password, role_id = roleId });
        var hr = await tenant.LoginAsync("hannah");

        var users = await hr.Client.GetAsync("/api/users");
        var devices = await hr.Client.GetAsync("/api/devices");
        var editBuiltIn = await tenant.Owner.Client.PutAsJsonAsync($"/api/roles/{tenant.RoleId("cashier")}", new { name = "cashier", permissions = new[] { "users.manage" } });
        var deleteInUse = await tenant.Owner.Client.DeleteAsync($"/api/roles/{roleId}");

        Assert.Equal(HttpStatusCode.Created, role.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, devices.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, editBuiltIn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleteInUse.StatusCode);
    }

    [Fact]
    public async Task ChangeOwnPassword_NeedsTheCurrentOne()
    {
        var tenant = await app.CreateTenantAsync();

        var wrong = await tenant.Owner.Client.PutAsJsonAsync("/api/auth/password", new { current_password = "not-it-at-all", new_password = "new-password-1" });
        var right = await tenant.Owner.Client.PutAsJsonAsync("/api/auth/password", new { current_password = TestTenant.Password, new_password = "new-password-1" });

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        await tenant.LoginAsync("owner", "new-password-1");
    }

    private static async Task<Guid> CreateAsync(TestTenant tenant, string username, string role)
    {
        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/users", new { username, full_name = username, password = TestTenant.Password, role_id = tenant.RoleId(role) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }
}

public sealed class UsersTestsSqlite(SqliteApp app) : UsersTests(app);

public sealed class UsersTestsPostgres(PostgresApp app) : UsersTests(app);
