using Microsoft.Extensions.Options;

namespace Till.Server.Licensing;

/// <summary>Runs <see cref="LicenseExpiryCheck"/> at start and then every <see cref="LicensingOptions.CheckIntervalHours"/> (daily).</summary>
internal sealed partial class LicenseExpiryMonitor(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<LicensingOptions> options, ILogger<LicenseExpiryMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromHours(options.Value.CheckIntervalHours);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var raised = await scope.ServiceProvider.GetRequiredService<LicenseExpiryCheck>().RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (raised > 0) LogRaised(logger, raised);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not end the job; the next run catches up.
                LogFailed(logger, e);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Licence expiry check raised {Count} alert(s)")]
    private static partial void LogRaised(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Licence expiry check failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
