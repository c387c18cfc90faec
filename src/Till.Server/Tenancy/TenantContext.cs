using Till.Server.Auth;

namespace Till.Server.Tenancy;

/// <summary>
/// Who is acting in this scope: read from the access token for a request, or set explicitly by
/// background work and seeding. The tenant never comes from a request body.
/// </summary>
internal sealed class TenantContext(IHttpContextAccessor? accessor = null)
{
    private Guid? _explicitTenant;
    private Guid? _explicitUser;

    /// <summary>The bearer of the request's token (read once per token; null outside a request or before authentication).</summary>
    private SignedIn? Bearer => accessor?.HttpContext?.User is { } user ? SignedIn.Of(user) : null;

    public Guid? TenantId => _explicitTenant ?? Bearer?.TenantId;
    public Guid? UserId => _explicitUser ?? Bearer?.UserId;
    public Guid? BranchId => Bearer?.BranchId;
    public Guid? DeviceId => Bearer?.DeviceId;
    public Guid? DeviceBranchId => Bearer?.DeviceBranchId;
    public bool IsSuperAdmin => Bearer?.IsSuperAdmin == true;
    public string? IpAddress => accessor?.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var ua = accessor?.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(ua) ? null : ua.Length > 300 ? ua[..300] : ua;
        }
    }

    public bool HasPermission(string permission) => Bearer?.Permissions.Contains(permission) == true;

    /// <summary>The tenant, or an exception when the code path forgot to authenticate.</summary>
    public Guid RequiredTenantId =>
        TenantId ?? throw new InvalidOperationException("No tenant in this scope.");

    /// <summary>Acts as <paramref name="tenantId"/> for the rest of this scope (seeding, jobs, login).</summary>
    public void Use(Guid tenantId, Guid? userId = null)
    {
        _explicitTenant = tenantId;
        _explicitUser = userId;
    }
}
