using Microsoft.AspNetCore.Authorization;

namespace Till.Server.Auth;

/// <summary>The bearer's token grants <see cref="Permission"/> (a <c>perm</c> claim), looked up in the permissions read once per token (<see cref="SignedIn"/>).</summary>
internal sealed class PermissionRequirement(string permission) : AuthorizationHandler<PermissionRequirement>, IAuthorizationRequirement
{
    public string Permission { get; } = permission;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (SignedIn.Of(context.User).Permissions.Contains(requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public override string ToString() => $"PermissionRequirement: {Permission}";
}
