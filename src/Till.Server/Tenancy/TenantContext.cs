using System.Security.Claims;
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

    private ClaimsPrincipal? Principal => accessor?.HttpContext?.User;

    public Guid? TenantId => _explicitTenant ?? ReadGuid(TillClaims.TenantId);
    public Guid? UserId => _explicitUser ?? ReadGuid(TillClaims.UserId);
    public Guid? BranchId => ReadGuid(TillClaims.BranchId);
    public Guid? DeviceId => ReadGuid(TillClaims.DeviceId);
    public Guid? DeviceBranchId => ReadGuid(TillClaims.DeviceBranchId);
    public bool IsSuperAdmin => Principal?.HasClaim(TillClaims.SuperAdmin, "true") == true;
    public string? IpAddress => accessor?.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var ua = accessor?.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(ua) ? null : ua.Length > 300 ? ua[..300] : ua;
        }
    }

    public bool HasPermission(string permission) => Principal?.HasClaim(TillClaims.Permission, permission) == true;

    /// <summary>The tenant, or an exception when the code path forgot to authenticate.</summary>
    public Guid RequiredTenantId =>
        TenantId ?? throw new InvalidOperationException("No tenant in this scope.");

    /// <summary>Acts as <paramref name="tenantId"/> for the rest of this scope (seeding, jobs, login).</summary>
    public void Use(Guid tenantId, Guid? userId = null)
    {
        _explicitTenant = tenantId;
        _explicitUser = userId;
    }

    private Guid? ReadGuid(string claim) =>
        Guid.TryParse(Principal?.FindFirstValue(claim), out var id) ? id : null;
}
