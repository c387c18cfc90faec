using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Till.Core.Identity;
using Till.Server.Data;
using Till.Server.Events;
using Till.Server.Messaging;

namespace Till.Server.Licensing;

/// <summary>
/// Delivers committed licence alerts: by email to the tenant's owners and admins and the configured
/// alert recipients when SMTP is configured, otherwise to the log. Sending happens in the
/// background so a slow mail server never slows an activation.
/// </summary>
internal sealed partial class LicenseAlertMailer(
    EmailSender email, IServiceScopeFactory scopes, IOptionsMonitor<LicensingOptions> options, ILogger<LicenseAlertMailer> logger)
    : BackgroundService, IDomainEventSink
{
    private readonly Channel<LicenseAlertRaised> _queue = Channel.CreateBounded<LicenseAlertRaised>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        foreach (var alert in events.OfType<LicenseAlertRaised>())
        {
            if (email.IsConfigured) _queue.Writer.TryWrite(alert);
            else LogAlert(logger, alert.Kind, alert.TenantId, alert.Message);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var recipients = await RecipientsAsync(alert.TenantId, stoppingToken);
                if (recipients.Count == 0)
                {
                    LogNoRecipient(logger, alert.Kind, alert.TenantId, alert.Message);
                    continue;
                }

                await email.SendAsync(recipients, alert.Subject, alert.Message + "\n\n-- Till", stoppingToken);
                LogSent(logger, alert.Kind, recipients.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The alert is also in the activity feed; a mail failure must not stop later alerts.
                LogSendFailed(logger, e, alert.Kind, alert.TenantId, alert.Message);
            }
        }
    }

    private async Task<List<string>> RecipientsAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        db.Tenant.Use(tenantId);
        var tenantAdmins = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Email != null)
            .Join(db.Roles.Where(r => r.Name == BuiltInRoles.Owner || r.Name == BuiltInRoles.Admin), u => u.RoleId, r => r.Id, (u, _) => u.Email!)
            .ToListAsync(ct);
        return [.. tenantAdmins.Concat(options.CurrentValue.AlertRecipients).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Licence alert {Kind} for tenant {TenantId} (no SMTP host configured): {Message}")]
    private static partial void LogAlert(ILogger logger, string kind, Guid tenantId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Licence alert {Kind} for tenant {TenantId} has no recipient with an email address: {Message}")]
    private static partial void LogNoRecipient(ILogger logger, string kind, Guid tenantId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailed licence alert {Kind} to {Count} recipient(s)")]
    private static partial void LogSent(ILogger logger, string kind, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not mail licence alert {Kind} for tenant {TenantId}: {Message}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string kind, Guid tenantId, string message);
}
