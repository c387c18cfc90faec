using System.Collections.Concurrent;
using System.Diagnostics;
using Till.Server.Events;
using Till.Server.Sync;

namespace Till.Server.Orders;

/// <summary>
/// The reference data a sale reads on every checkout (branch, device, sales settings, payment
/// methods, promotions, warehouses), kept per tenant on this server node for a short
/// <see cref="Lifetime"/>, so a busy shop's checkouts do not read it again each time. A commit on
/// this node that changes any of it clears the tenant's copy as it is published (those rows are
/// all synced, so every change reaches the change log and <see cref="ChangesCommitted"/>); a
/// change committed on another node is seen here within <see cref="Lifetime"/>. Products, prices,
/// stock, customers and shifts are never cached.
/// </summary>
internal sealed class SaleReferenceCache : IDomainEventSink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private static readonly HashSet<string> Watched = new(StringComparer.Ordinal)
    {
        SyncPayload.EntityName(typeof(Tenancy.Branch)), SyncPayload.EntityName(typeof(Tenancy.Device)),
        SyncPayload.EntityName(typeof(Tenancy.Warehouse)), SyncPayload.EntityName(typeof(Promotions.SalesSettings)),
        SyncPayload.EntityName(typeof(Promotions.Promotion)), SyncPayload.EntityName(typeof(PaymentMethod)),
        SyncPayload.EntityName(typeof(BranchPaymentMethod)),
    };

    private sealed class TenantEntries
    {
        public long Generation;
        public readonly ConcurrentDictionary<object, (object? Value, long Expires)> Values = new();
    }

    private readonly ConcurrentDictionary<Guid, TenantEntries> _tenants = new();

    /// <summary>The tenant's cached value for <paramref name="key"/>, or what <paramref name="load"/> reads (kept unless a change was published meanwhile).</summary>
    public async Task<T> GetAsync<T>(Guid tenantId, object key, Func<Task<T>> load)
    {
        var tenant = _tenants.GetOrAdd(tenantId, _ => new TenantEntries());
        var now = Stopwatch.GetTimestamp();
        if (tenant.Values.TryGetValue(key, out var hit) && hit.Expires > now) return (T)hit.Value!;

        var generation = Interlocked.Read(ref tenant.Generation);
        var value = await load();
        if (Interlocked.Read(ref tenant.Generation) != generation) return value;
        tenant.Values[key] = (value, now + (long)(Lifetime.TotalSeconds * Stopwatch.Frequency));
        // A change published between the check and the store must not leave the old value behind.
        if (Interlocked.Read(ref tenant.Generation) != generation) tenant.Values.TryRemove(key, out _);
        return value;
    }

    public Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var changed = e switch
            {
                ChangesCommitted changes => changes.Entries.Any(c => Watched.Contains(c.EntityType)),
                BulkChangesCommitted => true,
                _ => false,
            };
            if (changed && _tenants.TryGetValue(e.TenantId, out var tenant))
            {
                Interlocked.Increment(ref tenant.Generation);
                tenant.Values.Clear();
            }
        }
        return Task.CompletedTask;
    }
}
