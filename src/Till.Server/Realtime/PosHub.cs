using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Till.Server.Auth;
using Till.Server.Data;

namespace Till.Server.Realtime;

/// <summary>
/// The real-time hub at /hubs/pos. Connections join their tenant, branch, user and device groups
/// from the token; servers push nudges and events, clients only send heartbeats and join branches
/// they may see.
/// </summary>
[Authorize]
internal sealed class PosHub(PresenceTracker presence, IServiceScopeFactory scopes, TimeProvider clock) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var bearer = SignedIn.Of(user);
        if (bearer.TenantId is not { } tenant || bearer.UserId is not { } userId)
        {
            Context.Abort();
            return;
        }

        var device = bearer.DeviceId;
        var branch = bearer.DeviceBranchId ?? bearer.BranchId;
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Tenant(tenant));
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(tenant, userId));
        if (device is { } d) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Device(tenant, d));
        if (branch is { } b) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Branch(tenant, b));
        // People who are not tied to a branch (owners, admins on the back office) see every branch.
        else if (device is null) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.AllBranches(tenant));

        var entry = new PresenceEntry(Context.ConnectionId, tenant, userId, user.FindFirstValue(TillClaims.Username) ?? "", device, branch, clock.GetUtcNow().UtcDateTime);
        presence.Add(entry);
        await Clients.Group(HubGroups.Tenant(tenant)).SendAsync(HubEvents.Presence, new { status = "online", user_id = userId, username = entry.Username, device_id = device, branch_id = branch });
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (presence.Remove(Context.ConnectionId) is { } entry)
        {
            await Clients.Group(HubGroups.Tenant(entry.TenantId)).SendAsync(HubEvents.Presence,
                new { status = "offline", user_id = entry.UserId, username = entry.Username, device_id = entry.DeviceId, branch_id = entry.BranchId });
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>A back-office user watches one more branch (only branches of their tenant they may see).</summary>
    public async Task<bool> JoinBranch(Guid branchId)
    {
        var bearer = SignedIn.Of(Context.User!);
        var tenant = bearer.TenantId!.Value;
        var scope = bearer.BranchId;
        if (scope is { } s && s != branchId) return false;
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TillDbContext>();
        db.Tenant.Use(tenant);
        if (!await db.Branches.AnyAsync(b => b.Id == branchId)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Branch(tenant, branchId));
        return true;
    }

    /// <summary>Keeps the device's last-seen time; answers the server time and latest sequence.</summary>
    public async Task<object> Heartbeat()
    {
        var bearer = SignedIn.Of(Context.User!);
        var tenant = bearer.TenantId!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TillDbContext>();
        db.Tenant.Use(tenant);
        if (bearer.DeviceId is { } device)
            await db.Devices.Where(d => d.Id == device).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, now));
        var seq = await db.ChangeLog.MaxAsync(c => (long?)c.Seq) ?? 0;
        return new { server_time = now, server_seq = seq };
    }
}
