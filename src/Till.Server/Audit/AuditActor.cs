using Till.Server.Tenancy;

namespace Till.Server.Audit;

/// <summary>Who made a write, as its audit entry records it: the user, the till, and where the request came from.</summary>
internal sealed record AuditActor(Guid? UserId, Guid? DeviceId, string? IpAddress, string? UserAgent)
{
    /// <summary>Whoever acts in <paramref name="tenant"/>'s scope (read once: each value is parsed from the request).</summary>
    public static AuditActor Of(TenantContext tenant) => new(tenant.UserId, tenant.DeviceId, tenant.IpAddress, tenant.UserAgent);
}
