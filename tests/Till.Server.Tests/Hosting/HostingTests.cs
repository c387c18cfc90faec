using System.Net;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Hosting;

public abstract class HostingTests(TillApp app)
{
    [Fact]
    public async Task Health_ReportsTheDatabase_AsJson()
    {
        var client = app.Anonymous();

        var health = await client.GetAsync("/health");
        var body = await health.NodeAsync();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_WithSnakeCaseNames()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/auth/login", text);
        Assert.Contains("\"refresh_token\"", text);
        Assert.Contains("\"per_page\"", text);
        Assert.Contains("bearer", text);
    }

    [Fact]
    public async Task ApiReference_IsServedAtDocs()
    {
        var client = app.Anonymous();

        var response = await client.GetAsync("/docs/");
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently)
            response = await client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task UnknownApiRoute_Returns404Problem()
    {
        var response = await app.Anonymous().GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task JsonResponses_AreCompressed_WhenTheClientAsks()
    {
        var tenant = await app.CreateTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/roles");
        request.Headers.AcceptEncoding.ParseAdd("br");

        var response = await tenant.Owner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("br", response.Content.Headers.ContentEncoding);
    }
}

public sealed class HostingTestsSqlite(SqliteApp app) : HostingTests(app);

public sealed class HostingTestsPostgres(PostgresApp app) : HostingTests(app);
