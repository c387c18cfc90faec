using Till.Server.Events;

namespace Till.Server.Licensing;

/// <summary>A licence alert committed for a tenant; mailed after commit when SMTP is configured.</summary>
internal sealed record LicenseAlertRaised(Guid TenantId, Guid? BranchId, string Kind, Guid LicenseId, string Subject, string Message)
    : DomainEvent(TenantId, BranchId);
