using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Till.Server.Realtime;

/// <summary>Reports how many real-time clients are connected to this node.</summary>
internal sealed class ConnectedClientsHealthCheck(PresenceTracker presence) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy($"{presence.Count} connected clients",
            new Dictionary<string, object> { ["connected_clients"] = presence.Count }));
}
