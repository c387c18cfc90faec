using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Api;

/// <summary>Whatever a client sends, the answer is a 4xx problem naming what is wrong, and nothing is written.</summary>
public abstract class BadInputTests(TillApp app)
{
    [Fact]
    public async Task MalformedJson_Returns400Problem_AndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var before = await CountsAsync(tenant);

        var response = await Post(tenant, "/api/users", """{"username": "x", "full_name": """);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountsAsync(tenant));
    }

    [Fact]
    public async Task WrongTypes_Return400NamingTheField()
    {
        var tenant = await app.CreateTenantAsync();
        var before = await CountsAsync(tenant);

        var response = await Post(tenant, "/api/users", """{"username": "ok", "full_name": "Ok", "password": "password-1", "role_id": 42}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?["role_id"] is not null, problem.ToJsonString());
        Assert.Contains("UUID", problem["errors"]!["role_id"]![0]!.GetValue<string>());
        Assert.Equal(before, await CountsAsync(tenant));
    }

    [Fact]
    public async Task WrongEnumValue_Return400ListingTheAllowedValues()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await Post(tenant, "/api/branches", """{"code": "B9", "name": "Nine", "timezone": "UTC", "currency": "USD", "tax_mode": "sometimes"}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var message = problem["errors"]!["tax_mode"]![0]!.GetValue<string>();
        Assert.Contains("inclusive", message);
        Assert.Contains("exclusive", message);
    }

    [Fact]
    public async Task MissingAndInvalidFields_Return400WithEveryFieldError()
    {
        var tenant = await app.CreateTenantAsync();
        var before = await CountsAsync(tenant);

        var response = await Post(tenant, "/api/users", """{"username": "has space", "email": "not-an-email", "password": "short"}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "username", "full_name", "email", "password", "role_id" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        Assert.Equal(before, await CountsAsync(tenant));
    }

    [Fact]
    public async Task EmptyBody_Returns400()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await Post(tenant, "/api/branches", "");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OversizedBody_Returns413Problem_AndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var before = await CountsAsync(tenant);
        var huge = new string('x', 5 * 1024 * 1024);

        var response = await Post(tenant, "/api/users", $$"""{"username": "big", "full_name": "{{huge}}", "password": "password-1"}""");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountsAsync(tenant));
    }

    [Fact]
    public async Task BadQueryParameters_Return400NamingThem()
    {
        var tenant = await app.CreateTenantAsync();

        var paging = await AssertProblemAsync(await tenant.Owner.Client.GetAsync("/api/users?page=0&per_page=100000"), HttpStatusCode.BadRequest);
        var sort = await AssertProblemAsync(await tenant.Owner.Client.GetAsync("/api/users?sort=password_hash"), HttpStatusCode.BadRequest);
        var type = await tenant.Owner.Client.GetAsync("/api/users?is_active=perhaps");

        Assert.NotNull(paging["errors"]!["page"]);
        Assert.NotNull(paging["errors"]!["per_page"]);
        Assert.NotNull(sort["errors"]!["sort"]);
        Assert.Equal(HttpStatusCode.BadRequest, type.StatusCode);
    }

    [Fact]
    public async Task DuplicateUsername_Returns409NamingTheField()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.AddUserAsync("dup", "cashier");

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/users", new { username = "DUP", full_name = "Again", password = "password-1", role_id = tenant.RoleId("cashier") });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("username", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPermission_InACustomRole_Returns400()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/roles", new { name = "night-shift", permissions = new[] { "orders.create", "launch.rockets" } });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("launch.rockets", problem["errors"]!["permissions"]![0]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> Post(TestTenant tenant, string url, string body) =>
        tenant.Owner.Client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<System.Text.Json.Nodes.JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.NodeAsync();
        Assert.True((int)expected == body["status"]!.GetValue<int>(), body.ToJsonString());
        return body;
    }

    private Task<(int Users, int Branches, int Audit)> CountsAsync(TestTenant tenant) =>
        app.WithDbAsync(tenant.Id, async db => (await db.Users.CountAsync(), await db.Branches.CountAsync(), await db.AuditLogs.CountAsync()));
}

public sealed class BadInputTestsSqlite(SqliteApp app) : BadInputTests(app);

public sealed class BadInputTestsPostgres(PostgresApp app) : BadInputTests(app);
