using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Till.Server.Data;
using Till.Server.Events;
using Till.Server.Sync;

namespace Till.Server.Orders;

/// <summary>
/// The reference data a sale reads on every checkout (branch, device, sales settings, payment
/// methods, promotions, warehouses, the till's licence seat and open shift, and the products sold
/// with their prices in the branch), kept per tenant on this server node, so checkouts do not read
/// it again each time. A commit on this node that changes any of it clears the tenant's copy as it
/// is published, before that request answers (those rows are all synced, so every change reaches
/// the change log and <see cref="ChangesCommitted"/>). A change committed on another node clears it
/// through PostgreSQL's <c>NOTIFY</c> (<see cref="ReferenceDataListener"/>). While that
/// notification channel is not known to work (starting up, connection lost) copies live
/// <see cref="ShortLifetime"/> only, so another node's change is seen within it; while it works
/// (and always on SQLite, which has one server node) they live <see cref="LongLifetime"/>.
/// Stock and customers are never cached. A price is as fresh as a promotion: a change committed on
/// this node applies to the next sale, one committed on another node as soon as its notification
/// arrives (milliseconds after that commit).
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
        SyncPayload.EntityName(typeof(Catalog.Product)), SyncPayload.EntityName(typeof(Catalog.ProductBranch)),
        SyncPayload.EntityName(typeof(Catalog.ProductModifier)),
    };

    /// <summary>Whether <paramref name="raised"/> (a unit of work's events so far) changed any watched data.</summary>
    public static bool Changes(IEnumerable<DomainEvent> raised) => raised.Any(e =>
        e is BulkChangesCommitted || e is ChangesCommitted changes && changes.Entries.Any(c => Watched.Contains(c.EntityType)));

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
        Keep(tenant, generation, now, [new(key, value)]);
        return value;
    }

    /// <summary>
    /// The tenant's cached values for <paramref name="keys"/>, the missing ones read together by
    /// <paramref name="load"/> and kept unless a change was published meanwhile. A key <paramref name="load"/>
    /// does not answer (no such row) is left out of the result and never kept.
    /// </summary>
    public async Task<Dictionary<TKey, TValue>> GetManyAsync<TKey, TValue>(Guid tenantId, IReadOnlyCollection<TKey> keys, Func<List<TKey>, Task<Dictionary<TKey, TValue>>> load)
        where TKey : notnull
    {
        var tenant = _tenants.GetOrAdd(tenantId, _ => new TenantEntries());
        var now = Stopwatch.GetTimestamp();
        var found = new Dictionary<TKey, TValue>(keys.Count);
        List<TKey>? missing = null;
        foreach (var key in keys)
        {
            if (tenant.Values.TryGetValue(key, out var hit) && hit.Expires > now) found[key] = (TValue)hit.Value!;
            else (missing ??= []).Add(key);
        }
        if (missing is null) return found;

        var generation = Interlocked.Read(ref tenant.Generation);
        var loaded = await load(missing);
        foreach (var (key, value) in loaded) found[key] = value;
        Keep(tenant, generation, now, [.. loaded.Select(l => new KeyValuePair<object, object?>(l.Key, l.Value))]);
        return found;
    }

    /// <summary>At most this many values are kept per tenant (products sold are one each).</summary>
    public const int MaxEntriesPerTenant = 50_000;

    /// <summary>Keeps values read at <paramref name="generation"/>, unless a change was published since.</summary>
    private void Keep(TenantEntries tenant, long generation, long now, IReadOnlyList<KeyValuePair<object, object?>> values)
    {
        if (Interlocked.Read(ref tenant.Generation) != generation) return;
        // A large catalogue is not kept whole: past the bound the tenant's copy starts again.
        if (tenant.Values.Count + values.Count > MaxEntriesPerTenant) tenant.Values.Clear();
        var expires = now + (long)(Lifetime.TotalSeconds * Stopwatch.Frequency);
        foreach (var (key, value) in values) tenant.Values[key] = (value, expires);
        // A change published between the check and the store must not leave the old values behind.
        if (Interlocked.Read(ref tenant.Generation) != generation)
        {
            foreach (var (key, _) in values) tenant.Values.TryRemove(key, out _);
        }
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
