using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Auth;

public abstract class AuthTests(TillApp app)
{
    [Fact]
    public async Task Login_ValidCredentials_ReturnsTokensAndProfile()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { tenant = tenant.Code, username = "OWNER", password = TestTenant.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.NodeAsync();
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(900, body["expires_in"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["refresh_token"]!.GetValue<string>()));
        Assert.Equal("owner", body["user"]!["role"]!.GetValue<string>());
        Assert.Equal(tenant.Code, body["user"]!["tenant"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401ProblemWithoutToken()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { tenant = tenant.Code, username = "owner", password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null((await response.NodeAsync())["access_token"]);
    }

    [Fact]
    public async Task Login_SixthRapidWrongPassword_IsLockedOutEvenWithTheRightPassword()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 6; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { tenant = tenant.Code, username = "owner", password = $"guess-{i}" });
            statuses.Add(wrong.StatusCode);
            Assert.Null((await wrong.NodeAsync())["access_token"]);
        }

        var right = await client.PostAsJsonAsync("/api/auth/login", new { tenant = tenant.Code, username = "owner", password = TestTenant.Password });

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Null((await right.NodeAsync())["access_token"]);
    }

    [Fact]
    public async Task Refresh_RotatesToken_AndReusingTheOldOneRevokesTheNewOneToo()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.Anonymous();
        var first = tenant.Owner.RefreshToken;

        var rotated = await client.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = first });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.NodeAsync())["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(first, second);

        var reuse = await client.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = first });
        var afterReuse = await client.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = second });

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Refresh_NewTokenWorksOnce_AndTheAccessTokenItGivesIsValid()
    {
        var tenant = await app.CreateTenantAsync();
        var refreshed = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = tenant.Owner.RefreshToken });
        var access = (await refreshed.NodeAsync())["access_token"]!.GetValue<string>();

        var me = await app.WithToken(access).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("owner", (await me.NodeAsync())["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshToken()
    {
        var tenant = await app.CreateTenantAsync();

        var logout = await tenant.Owner.Client.PostAsJsonAsync("/api/auth/logout", new { refresh_token = tenant.Owner.RefreshToken });
        var refresh = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = tenant.Owner.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task ChangingPassword_RevokesThatUsersRefreshTokens()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("cash", "cashier");

        var reset = await tenant.Owner.Client.PutAsJsonAsync($"/api/users/{cashier.UserId}/password", new { password = "a-brand-new-password" });
        var refresh = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = cashier.RefreshToken });
        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { tenant = tenant.Code, username = "cash", password = "a-brand-new-password" });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task ExpiredAccessToken_Returns401()
    {
        var tenant = await app.CreateTenantAsync();
        var token = Forge(tenant, TillApp.TestSigningKey, expires: DateTime.UtcNow.AddMinutes(-5));

        var response = await app.WithToken(token).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AccessTokenSignedWithAnotherKey_Returns401()
    {
        var tenant = await app.CreateTenantAsync();
        var token = Forge(tenant, "an-attacker-key-that-is-long-enough-0123456789", expires: DateTime.UtcNow.AddMinutes(5));

        var response = await app.WithToken(token).GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AccessTokenWithAlgNone_Returns401()
    {
        var tenant = await app.CreateTenantAsync();
        static string B64(string s) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(s));
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var payload = $$"""{"sub":"{{tenant.OwnerId}}","tid":"{{tenant.Id}}","iss":"till","aud":"till","exp":{{exp}},"perm":["users.manage"]}""";
        var token = $"{B64("""{"alg":"none","typ":"JWT"}""")}.{B64(payload)}.";

        var response = await app.WithToken(token).GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Cashier_GetsForbiddenOnUserManagement()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("cashier", "cashier");

        var list = await cashier.Client.GetAsync("/api/users");
        var create = await cashier.Client.PostAsJsonAsync("/api/users", new { username = "x", full_name = "x", password = "password-123", role_id = tenant.RoleId("owner") });

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Anonymous_GetsUnauthorizedProblem()
    {
        var response = await app.Anonymous().GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Forge(TestTenant tenant, string key, DateTime expires)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "till",
            Audience = "till",
            IssuedAt = expires.AddMinutes(-15),
            NotBefore = expires.AddMinutes(-15),
            Expires = expires,
            Subject = new ClaimsIdentity([new("sub", tenant.OwnerId.ToString()), new("tid", tenant.Id.ToString()), new("perm", "users.manage")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

public sealed class AuthTestsSqlite(SqliteApp app) : AuthTests(app);

public sealed class AuthTestsPostgres(PostgresApp app) : AuthTests(app);
