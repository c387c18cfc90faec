using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Till.Server.Data;

namespace Till.Server.Hosting;

internal static class HealthExtensions
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddTillHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<TillDbContext>("database", tags: [ReadyTag],
                customTestQuery: async (db, ct) => await db.Database.CanConnectAsync(ct))
            .AddCheck<DiskSpaceHealthCheck>("disk", tags: [ReadyTag]);
        return services;
    }

    /// <summary>/health (every check, JSON), /health/live (the process answers), /health/ready (dependencies).</summary>
    public static void MapTillHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJson }).DisableRateLimiting();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson }).DisableRateLimiting();
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString().ToLowerInvariant(),
            ["duration_ms"] = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => (object)new Dictionary<string, object?>
            {
                ["status"] = e.Value.Status.ToString().ToLowerInvariant(),
                ["description"] = e.Value.Description,
                ["duration_ms"] = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                ["data"] = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
