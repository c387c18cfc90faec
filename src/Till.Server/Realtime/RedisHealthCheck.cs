using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Till.Server.Realtime;

/// <summary>Pings the Redis backplane.</summary>
internal sealed class RedisHealthCheck(string configuration) : IHealthCheck, IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(configuration));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await _connection.Value;
            var latency = await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", e);
        }
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully) _connection.Value.Result.Dispose();
    }
}
