using System.Net;
using System.Net.Http.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Audit;

public abstract class AuditTests(TillApp app)
{
    [Fact]
    public async Task EveryWrite_LeavesAnAuditEntry_WithOldAndNewValues()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;

        var created = await client.PostAsJsonAsync("/api/branches", new { code = "B2", name = "Second", timezone = "UTC", currency = "USD", tax_mode = "exclusive" });
        var id = (await created.NodeAsync())["id"]!.GetValue<Guid>();
        await client.PutAsJsonAsync($"/api/branches/{id}", new { code = "B2", name = "Second renamed", timezone = "Europe/London", currency = "GBP", tax_mode = "inclusive" });
        await client.DeleteAsync($"/api/branches/{id}");

        var entries = (await (await client.GetAsync($"/api/audit-logs?entity_type=Branch&entity_id={id}&sort=created_at")).NodeAsync())["data"]!.AsArray();

        Assert.Equal(["create", "update", "delete"], entries.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(entries, e =>
        {
            Assert.Equal(tenant.OwnerId, e!["user_id"]!.GetValue<Guid>());
            Assert.Equal("Branch", e["entity_type"]!.GetValue<string>());
        });
        Assert.Equal("Second", entries[0]!["new_values"]!["name"]!.GetValue<string>());
        var update = entries[1]!;
        Assert.Equal("Second", update["old_values"]!["name"]!.GetValue<string>());
        Assert.Equal("Second renamed", update["new_values"]!["name"]!.GetValue<string>());
        Assert.Equal("USD", update["old_values"]!["currency"]!.GetValue<string>());
        Assert.Equal("GBP", update["new_values"]!["currency"]!.GetValue<string>());
        Assert.True(entries[2]!["new_values"]!["is_deleted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AuditValues_NeverContainSecrets()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("secretive", "cashier");
        await tenant.Owner.Client.PutAsJsonAsync($"/api/users/{cashier.UserId}/pin", new { pin = "4321" });

        var body = await (await tenant.Owner.Client.GetAsync($"/api/audit-logs?entity_id={cashier.UserId}")).Content.ReadAsStringAsync();

        Assert.Contains("secretive", body);
        Assert.DoesNotContain("password_hash", body);
        Assert.DoesNotContain("pin_hash", body);
        Assert.DoesNotContain("$2", body);
    }

    [Fact]
    public async Task Logins_AreAudited_IncludingFailures()
    {
        var tenant = await app.CreateTenantAsync();
        await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { tenant = tenant.Code, username = "owner", password = "nope-nope" });

        var failures = await (await tenant.Owner.Client.GetAsync("/api/audit-logs?action=auth.login_failed")).NodeAsync();
        var logins = await (await tenant.Owner.Client.GetAsync("/api/audit-logs?action=auth.login")).NodeAsync();

        Assert.Equal(1, failures["meta"]!["total"]!.GetValue<int>());
        Assert.True(logins["meta"]!["total"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task AuditLog_IsReadOnly_AndNeedsThePermission()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("cc", "cashier");

        Assert.Equal(HttpStatusCode.Forbidden, (await cashier.Client.GetAsync("/api/audit-logs")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await tenant.Owner.Client.PostAsJsonAsync("/api/audit-logs", new { action = "x" })).StatusCode);
    }
}

public sealed class AuditTestsSqlite(SqliteApp app) : AuditTests(app);

public sealed class AuditTestsPostgres(PostgresApp app) : AuditTests(app);
