namespace Till.Server.Realtime;

/// <summary>
/// SignalR group names. Every name starts with the tenant, so no send can cross tenants; branch
/// events go to the branch's group and to the tenant's "all branches" group (owners, admins).
/// </summary>
internal static class HubGroups
{
    public static string Tenant(Guid tenantId) => $"t:{tenantId:N}";
    public static string Branch(Guid tenantId, Guid branchId) => $"t:{tenantId:N}:b:{branchId:N}";
    public static string AllBranches(Guid tenantId) => $"t:{tenantId:N}:all";
    public static string User(Guid tenantId, Guid userId) => $"t:{tenantId:N}:u:{userId:N}";
    public static string Device(Guid tenantId, Guid deviceId) => $"t:{tenantId:N}:d:{deviceId:N}";

    /// <summary>Where an event of <paramref name="branchId"/> goes: that branch, or the whole tenant when null.</summary>
    public static IReadOnlyList<string> For(Guid tenantId, Guid? branchId) =>
        branchId is { } b ? [Branch(tenantId, b), AllBranches(tenantId)] : [Tenant(tenantId)];
}
