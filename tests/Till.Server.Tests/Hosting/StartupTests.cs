using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Hosting;

/// <summary>Start-up behaviour: the zero-configuration default, and refusing to start unsafely.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task ZeroConfigurationStart_CreatesTheDemoTenants_AndTheDemoOwnerCanLogIn()
    {
        var folder = Path.Combine(Path.GetTempPath(), "till-start-" + Guid.NewGuid().ToString("N"));
        await using var factory = new ConfiguredFactory("Development", new() { ["Till:DataDirectory"] = folder, ["Logging:FileEnabled"] = "false" });
        var client = factory.CreateClient();

        var health = await client.GetAsync("/health");
        var demo = await client.PostAsJsonAsync("/api/auth/login", new { tenant = "demo", username = "owner", password = "till-demo" });
        var demo2 = await client.PostAsJsonAsync("/api/auth/login", new { tenant = "demo2", username = "owner", password = "till-demo" });
        var cashier = await client.PostAsJsonAsync("/api/auth/login", new { tenant = "demo", username = "cashier1", password = "till-demo" });

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, demo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, demo2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cashier.StatusCode);
        Assert.True(File.Exists(Path.Combine(folder, "till.db")));
        var branches = await (await WithToken(factory, await demo.NodeAsync()).GetAsync("/api/branches")).NodeAsync();
        var codes = branches["data"]!.AsArray().Select(b => b!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("JKT1", codes);
        Assert.Contains("BDG1", codes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short-key")]
    public void Production_WithoutAStrongJwtKey_RefusesToStart(string? key)
    {
        var folder = Path.Combine(Path.GetTempPath(), "till-prod-" + Guid.NewGuid().ToString("N"));
        using var factory = new ConfiguredFactory("Production", new() { ["Till:DataDirectory"] = folder, ["Jwt:SigningKey"] = key, ["Logging:FileEnabled"] = "false" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Jwt:SigningKey", error.Message);
    }

    [Fact]
    public async Task RateLimit_AnswersTooManyRequests_WithRetryAfter()
    {
        var folder = Path.Combine(Path.GetTempPath(), "till-rl-" + Guid.NewGuid().ToString("N"));
        await using var factory = new ConfiguredFactory("Development", new()
        {
            ["Till:DataDirectory"] = folder, ["RateLimiting:PermitsPerMinute"] = "5", ["Logging:FileEnabled"] = "false",
        });
        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { tenant = "demo", username = "owner", password = "till-demo" });
        var client = WithToken(factory, await login.NodeAsync());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) statuses.Add((await client.GetAsync("/api/roles")).StatusCode);
        var limited = await client.GetAsync("/api/roles");

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // Health checks are never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task UnexpectedError_Returns500Problem_WithCorrelationId_AndNoStackTrace()
    {
        var folder = Path.Combine(Path.GetTempPath(), "till-500-" + Guid.NewGuid().ToString("N"));
        var clock = new BrokenClock();
        await using var factory = new ConfiguredFactory("Development", new() { ["Till:DataDirectory"] = folder, ["Logging:FileEnabled"] = "false" },
            services => services.AddSingleton<TimeProvider>(clock));
        _ = factory.Server;
        clock.Broken = true;

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { tenant = "demo", username = "owner", password = "till-demo" });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.NodeAsync())["correlation_id"]?.GetValue<string>()));
        Assert.DoesNotContain("BrokenClock", text);
        Assert.DoesNotContain(" at ", text);
    }

    private static HttpClient WithToken(WebApplicationFactory<Program> factory, System.Text.Json.Nodes.JsonNode login)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", login["access_token"]!.GetValue<string>());
        return client;
    }

    /// <summary>A clock that works while the server starts and seeds, then fails: an internal error no client caused.</summary>
    private sealed class BrokenClock : TimeProvider
    {
        public volatile bool Broken;

        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException("BrokenClock") : base.GetUtcNow();
    }

    private sealed class ConfiguredFactory(string environment, Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
            if (services is not null) builder.ConfigureServices(services);
        }
    }
}
