using System.Collections.Concurrent;

namespace Till.Server.Realtime;

internal sealed record PresenceEntry(string ConnectionId, Guid TenantId, Guid UserId, string Username, Guid? DeviceId, Guid? BranchId, DateTime ConnectedAt);

/// <summary>Who is connected to this node, on which device. Counts feed /health.</summary>
internal sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<string, PresenceEntry> _connections = new();

    public int Count => _connections.Count;

    public void Add(PresenceEntry entry) => _connections[entry.ConnectionId] = entry;

    public PresenceEntry? Remove(string connectionId) => _connections.TryRemove(connectionId, out var entry) ? entry : null;

    public IReadOnlyList<PresenceEntry> ForTenant(Guid tenantId) => [.. _connections.Values.Where(e => e.TenantId == tenantId)];
}
