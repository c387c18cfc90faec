using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Till.Server.Hosting;

/// <summary>Degraded under 1 GiB free in the data folder, unhealthy under 100 MiB.</summary>
internal sealed class DiskSpaceHealthCheck(IOptions<TillOptions> till, IHostEnvironment environment) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = till.Value.ResolveDataDirectory(environment.ContentRootPath);
        var free = new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
        var data = new Dictionary<string, object> { ["free_mb"] = free / (1024 * 1024) };
        var result = free switch
        {
            < 100L * 1024 * 1024 => HealthCheckResult.Unhealthy("Less than 100 MiB free in the data folder.", data: data),
            < 1024L * 1024 * 1024 => HealthCheckResult.Degraded("Less than 1 GiB free in the data folder.", data: data),
            _ => HealthCheckResult.Healthy("Enough free space.", data),
        };
        return Task.FromResult(result);
    }
}
