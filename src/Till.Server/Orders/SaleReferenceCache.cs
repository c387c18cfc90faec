using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Till.Server.Data;
using Till.Server.Events;
using Till.Server.Sync;

namespace Till.Server.Orders;

/// <summary>
/// The reference data a sale reads on every checkout (branch, device, sales settings, payment
/// methods, promotions, warehouses, the till's licence seat and open shift), kept per tenant on this server node, so checkouts do not read
/// it again each time. A commit on this node that changes any of it clears the tenant's copy as it
/// is published, before that request answers (those rows are all synced, so every change reaches
/// the change log and <see cref="ChangesCommitted"/>). A change committed on another node clears it
/// through PostgreSQL's <c>NOTIFY</c> (<see cref="ReferenceDataListener"/>). While that
/// notification channel is not known to work (starting up, connection lost) copies live
/// <see cref="ShortLifetime"/> only, so another node's change is seen within it; while it works
/// (and always on SQLite, which has one server node) they live <see cref="LongLifetime"/>.
/// Products, prices, stock and customers are never cached.
/// </summary>
internal sealed class SaleReferenceCache : IDomainEventSink
{
    public static readonly TimeSpan ShortLifetime = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The synced entity kinds whose changes clear a tenant's copy.</summary>
    public static readonly IReadOnlySet<string> Watched = new HashSet<string>(StringComparer.Ordinal)
    {
        SyncPayload.EntityName(typeof(Tenancy.Branch)), SyncPayload.EntityName(typeof(Tenancy.Device)),
        SyncPayload.EntityName(typeof(Tenancy.Warehouse)), SyncPayload.EntityName(typeof(Promotions.SalesSettings)),
        SyncPayload.EntityName(typeof(Promotions.Promotion)), SyncPayload.EntityName(typeof(PaymentMethod)),
        SyncPayload.EntityName(typeof(BranchPaymentMethod)), SyncPayload.EntityName(typeof(Licensing.License)),
        SyncPayload.EntityName(typeof(Licensing.LicenseActivation)), SyncPayload.EntityName(typeof(Shifts.Shift)),
    };

    private sealed class TenantEntries
    {
        public long Generation;
        public readonly ConcurrentDictionary<object, (object? Value, long Expires)> Values = new();
    }

    private readonly ConcurrentDictionary<Guid, TenantEntries> _tenants = new();
    private volatile bool _otherNodesReported;

    public SaleReferenceCache(IOptions<DatabaseOptions> database) =>
        _otherNodesReported = database.Value.Provider != DatabaseProvider.Postgres;

    /// <summary>
    /// Whether other server nodes' changes reach <see cref="Invalidate"/> (set by the listener).
    /// Every change of it clears every copy: becoming true, because changes made while it was false
    /// were not reported; becoming false, because the copies were kept for the long lifetime.
    /// </summary>
    public bool OtherNodesReported
    {
        get => _otherNodesReported;
        set
        {
            if (value == _otherNodesReported) return;
            _otherNodesReported = value;
            InvalidateAll();
        }
    }

    private TimeSpan Lifetime => _otherNodesReported ? LongLifetime : ShortLifetime;

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

    /// <summary>Cleared before the request that changed the data answers.</summary>
    public bool BeforeAnswer => true;

    public Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                // A unit of work may write more than one tenant's rows (a platform admin's licence change).
                case ChangesCommitted changes:
                    foreach (var tenantId in changes.Entries.Where(c => Watched.Contains(c.EntityType)).Select(c => c.TenantId).Distinct())
                        Invalidate(tenantId);
                    break;
                case BulkChangesCommitted:
                    Invalidate(e.TenantId);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Drops the tenant's copy; loads already under way for it are not kept.</summary>
    public void Invalidate(Guid tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var tenant)) return;
        Interlocked.Increment(ref tenant.Generation);
        tenant.Values.Clear();
    }

    private void InvalidateAll()
    {
        foreach (var tenantId in _tenants.Keys) Invalidate(tenantId);
    }
}
