using Microsoft.Extensions.Options;
using Npgsql;
using Till.Server.Data;
using Till.Server.Sync;

namespace Till.Server.Orders;

/// <summary>
/// On PostgreSQL, listens for the commits of any server node that change checkout reference data
/// (the change-log trigger's <c>NOTIFY</c>, see <see cref="PostgresSyncObjects"/>) and clears that
/// tenant's <see cref="SaleReferenceCache"/> on this node. While its connection is down the cache
/// keeps copies for its short lifetime only; it reconnects with a growing pause (up to 30 s).
/// </summary>
internal sealed partial class ReferenceDataListener(SaleReferenceCache cache, IOptions<DatabaseOptions> database, ILogger<ReferenceDataListener> logger)
    : BackgroundService
{
    /// <summary>How long a quiet connection waits before it checks that it is still alive.</summary>
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres) return;
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken, () => pause = TimeSpan.FromSeconds(1));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                cache.OtherNodesReported = false;
                LogListenFailed(logger, e, pause.TotalSeconds);
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
        }
        cache.OtherNodesReported = false;
    }

    private async Task ListenAsync(CancellationToken ct, Action listening)
    {
        // Its own connection outside the pool: a LISTEN belongs to the session.
        var builder = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString) { Pooling = false, KeepAlive = 15 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var tenantId)) cache.Invalidate(tenantId);
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresSyncObjects.ReferenceChannel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        cache.OtherNodesReported = true;
        listening();
        while (true)
        {
            if (await connection.WaitAsync(Probe, ct)) continue;
            await using var probe = new NpgsqlCommand("SELECT 1", connection);
            await probe.ExecuteScalarAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other server nodes' reference data changes failed; checkout reference data is cached briefly until it works again (retry in {Seconds} s)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, double seconds);
}
