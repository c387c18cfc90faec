using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Claims;

namespace Till.Server.Auth;

/// <summary>
/// What an access token says about its bearer, read from its claims once: tenant, user, branch, device and the
/// permissions. Kept with the claims identity it was read from (the identity of a token is shared by every
/// request that sends it: <see cref="CachingTokenHandler"/>), so that a request's many questions (every query's
/// tenant filter asks for the tenant) and the authorization of its endpoint do not search the claims again.
/// </summary>
internal sealed class SignedIn
{
    private static readonly ConditionalWeakTable<object, SignedIn> Read = [];

    private SignedIn(IEnumerable<Claim> claims)
    {
        var permissions = new List<string>();
        foreach (var claim in claims)
        {
            switch (claim.Type)
            {
                case TillClaims.TenantId: TenantId ??= ParseGuid(claim.Value); break;
                case TillClaims.UserId: UserId ??= ParseGuid(claim.Value); break;
                case TillClaims.BranchId: BranchId ??= ParseGuid(claim.Value); break;
                case TillClaims.DeviceId: DeviceId ??= ParseGuid(claim.Value); break;
                case TillClaims.DeviceBranchId: DeviceBranchId ??= ParseGuid(claim.Value); break;
                case TillClaims.SuperAdmin: IsSuperAdmin |= claim.Value == "true"; break;
                case TillClaims.Permission: permissions.Add(claim.Value); break;
            }
        }
        Permissions = permissions.ToFrozenSet(StringComparer.Ordinal);
    }

    public Guid? TenantId { get; }
    public Guid? UserId { get; }
    public Guid? BranchId { get; }
    public Guid? DeviceId { get; }
    public Guid? DeviceBranchId { get; }
    public bool IsSuperAdmin { get; }
    public FrozenSet<string> Permissions { get; }

    /// <summary>The bearer of <paramref name="principal"/> (read once per claims identity).</summary>
    public static SignedIn Of(ClaimsPrincipal principal)
    {
        // A token's principal has the one identity; any other is read whole, per principal.
        object key = principal.Identities is IList<ClaimsIdentity> { Count: 1 } one ? one[0] : principal;
        // Asked many times per request: a hit allocates nothing (the factory below captures the principal).
        return Read.TryGetValue(key, out var known) ? known : Read.GetValue(key, _ => new SignedIn(principal.Claims));
    }

    private static Guid? ParseGuid(string value) => Guid.TryParse(value, out var id) ? id : null;
}
