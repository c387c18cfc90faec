namespace Till.Server.Auth;

/// <summary>Claim names in Till's access tokens.</summary>
internal static class TillClaims
{
    public const string UserId = "sub";
    public const string TenantId = "tid";
    public const string BranchId = "bid";
    public const string DeviceId = "did";

    /// <summary>The branch of the device signed in on (a terminal belongs to exactly one branch).</summary>
    public const string DeviceBranchId = "dbid";
    public const string Role = "role";
    public const string Permission = "perm";
    public const string Username = "name";
    public const string SuperAdmin = "super_admin";
}
