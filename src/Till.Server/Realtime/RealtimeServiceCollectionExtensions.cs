using Microsoft.Extensions.Diagnostics.HealthChecks;
using Till.Server.Events;

namespace Till.Server.Realtime;

internal static class RealtimeServiceCollectionExtensions
{
    /// <summary>
    /// SignalR with snake_case JSON, heartbeats, and the Redis backplane when
    /// <c>Redis:Configuration</c> is set (so events reach clients on every node).
    /// </summary>
    public static IServiceCollection AddTillRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromSeconds(15);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(45);
            o.EnableDetailedErrors = false;
        }).AddJsonProtocol(o => Api.ApiServiceCollectionExtensions.ConfigureJson(o.PayloadSerializerOptions));

        // Read once at start: the backplane is a deployment choice, not something a request changes.
        var redis = configuration["Redis:Configuration"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("till"));
            services.AddHealthChecks().Add(new HealthCheckRegistration("redis", sp => new RedisHealthCheck(redis), HealthStatus.Unhealthy, ["ready"]));
        }

        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<IDomainEventSink, HubEventSink>();
        services.AddHealthChecks().AddCheck<ConnectedClientsHealthCheck>("realtime");
        return services;
    }
}
