using Till.Server.Events;
using Till.Server.Realtime;

namespace Till.Server.Licensing;

/// <summary>A licence alert committed for a tenant; mailed after commit when SMTP is configured, and shown live as a notification.</summary>
internal sealed record LicenseAlertRaised(Guid TenantId, Guid? BranchId, string Kind, Guid LicenseId, string Subject, string Message)
    : DomainEvent(TenantId, BranchId), IHubEvent
{
    public string HubEventName => HubEvents.Notification;

    public object HubPayload => new { kind = Kind, license_id = LicenseId, title = Subject, message = Message };
}
