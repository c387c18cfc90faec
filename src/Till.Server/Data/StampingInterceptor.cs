using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Till.Server.Audit;

namespace Till.Server.Data;

/// <summary>
/// Runs inside every SaveChanges: stamps tenant, timestamps and versions on synced entities, turns
/// deletes into tombstones, and records an audit entry (old and new values) for every write, in the
/// same transaction as the write.
/// </summary>
internal sealed class StampingInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is TillDbContext db) Stamp(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TillDbContext db) Stamp(db);
        return ValueTask.FromResult(result);
    }

    /// <summary>
    /// Stamps the pending writes and adds their audit and change-log rows to the unit of work.
    /// <paramref name="addedOnly"/>: only the added rows, for a writer that inserts those itself and
    /// leaves the rest to <c>SaveChanges</c> (see <see cref="BulkSaver"/>).
    /// </summary>
    /// <returns>
    /// The audit and change-log rows made (staged change rows during a bulk import). With
    /// <paramref name="track"/> they are added to the unit of work; without, they are left to a caller
    /// that writes them itself (and raises <see cref="Sync.ChangesCommitted"/> for the change-log rows).
    /// </returns>
    internal StampedRows Stamp(TillDbContext db, bool addedOnly = false, bool track = true)
    {
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var audits = new List<AuditEntry>();
        List<Sync.ChangeLogEntry>? changes = null;
        AuditActor? actor = null;
        using var folded = new FoldedJson(AuditJson, IsAuditedValue, skipNulls: false);
        using var foldedChanges = new FoldedJson(Sync.SyncPayload.Json, Sync.SyncPayload.IsSynced, skipNulls: true);

        var entries = db.ChangeTracker.EntriesAsDetected();
        foreach (var entry in entries)
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (addedOnly && entry.State != EntityState.Added) continue;

            if (entry.Entity is ITenantOwned owned && entry.State == EntityState.Added && owned.TenantId == Guid.Empty)
            {
                owned.TenantId = db.Tenant.RequiredTenantId;
            }

            if (entry.Entity is SyncEntity synced)
            {
                // A write that only touched server bookkeeping (a login time, a failed-login counter)
                // is not a change devices need: no new version, no change-log row.
                if (entry.State == EntityState.Modified && !entry.Properties.Any(p => p.IsModified && IsSynced(p.Metadata.PropertyInfo)))
                    continue;
                StampSynced(entry, synced, now);
                if (IsSyncedType(entry.Metadata.ClrType))
                {
                    // A new line or payment of a new sale rides in the sale's row (ICarriesChildrenInChanges).
                    if (entry.State == EntityState.Added && entry.Entity is IAuditedWithParent part && foldedChanges.IsCreated(part.AuditParentId, () => AddedIds(entries, CarriesChildrenInChanges)))
                        foldedChanges.AddChild(part, foldedChanges.Write(entry.Metadata, entry.Entity, entry));
                    else
                        (changes ??= []).Add(NewChange(entry.Metadata.ClrType, synced, Sync.SyncPayload.Serialize(entry), now));
                }
            }

            if (AuditTenant(entry.Entity) is not { } tenantId) continue;
            if (entry.State == EntityState.Added && entry.Entity is IAuditedWithParent child && folded.IsCreated(child.AuditParentId, () => AddedIds(entries, IsAuditedRow)))
                folded.AddChild(child, folded.Write(entry.Metadata, entry.Entity, entry));
            else if (BuildAudit(entry, actor ??= AuditActor.Of(db.Tenant), tenantId, now) is { } audit) audits.Add(audit);
        }
        folded.Into(audits);
        if (changes is not null) foldedChanges.Into(changes);
        var rows = Rows(db, audits, changes);
        if (!track) return rows;

        if (rows.Audits.Count > 0) db.AuditLogs.AddRange(rows.Audits);
        if (rows.Staged.Count > 0) db.StagedChanges.AddRange(rows.Staged);
        if (rows.Changes.Count > 0) db.LogChanges(rows.Changes);
        rows.Raise(db);
        return rows;
    }

    /// <summary>
    /// Stamps new rows that are not tracked (a writer that inserts them itself, see
    /// <see cref="BulkSaver.InsertAsync"/>) and makes their audit and change-log rows, the same as
    /// <see cref="Stamp"/> makes for added rows; nothing is added to the unit of work.
    /// </summary>
    /// <param name="actorOf">
    /// Who made each row, when the rows are not all this scope's (sales of several requests written together);
    /// null: whoever acts in this scope made them all.
    /// </param>
    internal StampedRows StampNew(TillDbContext db, IEnumerable<object> rows, Func<object, AuditActor>? actorOf = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        AuditActor? current = null;
        var audits = new List<AuditEntry>();
        List<Sync.ChangeLogEntry>? changes = null;
        // Every record's JSON stays UTF-8 until it is complete (children folded in), then becomes its text once.
        using var folded = new FoldedJson(AuditJson, IsAuditedValue, skipNulls: false);
        using var foldedChanges = new FoldedJson(Sync.SyncPayload.Json, Sync.SyncPayload.IsSynced, skipNulls: true);
        var auditJson = new List<(Guid? Id, FoldedJson.Slice Json)>();
        var changeJson = new List<FoldedJson.Slice>();
        var list = rows as IReadOnlyCollection<object> ?? [.. rows];
        foreach (var row in list)
        {
            var type = db.Model.FindEntityType(row.GetType()) ?? throw new InvalidOperationException($"{row.GetType().Name} is not an entity.");
            if (row is ITenantOwned owned && owned.TenantId == Guid.Empty) owned.TenantId = db.Tenant.RequiredTenantId;
            if (row is SyncEntity synced)
            {
                StampCreated(synced, now);
                if (IsSyncedType(type.ClrType))
                {
                    var data = foldedChanges.Write(type, row, null);
                    if (row is IAuditedWithParent part && foldedChanges.IsCreated(part.AuditParentId, () => Ids(list, CarriesChildrenInChanges)))
                        foldedChanges.AddChild(part, data);
                    else
                    {
                        (changes ??= []).Add(NewChange(type.ClrType, synced, data: "", now));
                        changeJson.Add(data);
                    }
                }
            }
            if (AuditTenant(row) is not { } tenantId) continue;
            var values = folded.Write(type, row, null);
            if (row is IAuditedWithParent child && folded.IsCreated(child.AuditParentId, () => Ids(list, IsAuditedRow)))
                folded.AddChild(child, values);
            else
            {
                var id = type.FindProperty("Id")?.GetGetter().GetClrValueUsingContainingEntity(row);
                audits.Add(NewAudit(actorOf?.Invoke(row) ?? (current ??= AuditActor.Of(db.Tenant)), type.ClrType, id, tenantId, "create", null, newValues: "", now));
                auditJson.Add((id as Guid?, values));
            }
        }
        for (var i = 0; i < audits.Count; i++) audits[i].NewValues = folded.Text(auditJson[i].Json, auditJson[i].Id);
        for (var i = 0; i < changeJson.Count; i++) changes![i].Data = foldedChanges.Text(changeJson[i], changes[i].EntityId);
        return Rows(db, audits, changes);
    }

    private static Sync.ChangeLogEntry NewChange(Type type, SyncEntity synced, string data, DateTime now) => new()
    {
        TenantId = synced.TenantId,
        BranchId = synced is IBranchScoped scoped ? scoped.SyncBranchId : null,
        EntityType = Sync.SyncPayload.EntityName(type),
        EntityId = synced.Id,
        Version = synced.Version,
        IsDeleted = synced.IsDeleted,
        Data = data,
        ChangedAt = now,
    };

    /// <summary>The ids of the rows among <paramref name="rows"/> that a new line or payment can join (<paramref name="parent"/>).</summary>
    private static HashSet<Guid> Ids(IEnumerable<object> rows, Func<object, bool> parent) => [.. rows.Where(parent).OfType<SyncEntity>().Select(r => r.Id)];

    /// <summary>The same among the added rows of <paramref name="entries"/>.</summary>
    private static HashSet<Guid> AddedIds(List<EntityEntry> entries, Func<object, bool> parent) =>
        Ids(entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity), parent);

    /// <summary>A parent of an audit entry's children: an audited row.</summary>
    private static readonly Func<object, bool> IsAuditedRow = row => AuditTenant(row) is not null;

    /// <summary>A parent of a change-log row's children (<see cref="ICarriesChildrenInChanges"/>).</summary>
    private static readonly Func<object, bool> CarriesChildrenInChanges = row => row is ICarriesChildrenInChanges { CarriesChildren: true };

    /// <summary>The tenant whose audit log records a write of <paramref name="entity"/>; null when it is not audited.</summary>
    private static Guid? AuditTenant(object entity) => entity switch
    {
        AuditEntry => null,
        Tenancy.Tenant tenant => tenant.Id,
        ITenantOwned tenantOwned when IsAudited(entity.GetType()) => tenantOwned.TenantId,
        _ => null,
    };

    /// <summary>
    /// Every change to a synced row is logged in the same transaction; devices pull it by sequence.
    /// A bulk import stages its rows instead; they enter the change log together just before commit.
    /// </summary>
    private static StampedRows Rows(TillDbContext db, List<AuditEntry> audits, List<Sync.ChangeLogEntry>? changes) =>
        changes is not null && db.ChangeLogBatch is { } batch
            ? new StampedRows(audits, [], [.. changes.Select(c => new Sync.StagedChange
            {
                BatchId = batch, TenantId = c.TenantId, BranchId = c.BranchId, EntityType = c.EntityType, EntityId = c.EntityId,
                Version = c.Version, IsDeleted = c.IsDeleted, Data = c.Data, ChangedAt = c.ChangedAt,
            })])
            : new StampedRows(audits, changes ?? [], []);

    private static void StampCreated(SyncEntity synced, DateTime now) => (synced.CreatedAt, synced.UpdatedAt, synced.Version) = (now, now, 1);

    private static void StampSynced(EntityEntry entry, SyncEntity synced, DateTime now)
    {
        switch (entry.State)
        {
            case EntityState.Added:
                StampCreated(synced, now);
                break;
            case EntityState.Deleted:
                // A delete is a tombstone: devices must learn about it through sync.
                entry.State = EntityState.Modified;
                synced.IsDeleted = true;
                goto case EntityState.Modified;
            case EntityState.Modified:
                synced.UpdatedAt = now;
                synced.Version = (long)entry.Property(nameof(SyncEntity.Version)).OriginalValue! + 1;
                break;
        }
    }

    private static AuditEntry? BuildAudit(EntityEntry entry, AuditActor actor, Guid tenantId, DateTime now)
    {
        var synced = entry.Entity as SyncEntity;
        string action = entry.State switch
        {
            EntityState.Added => "create",
            EntityState.Deleted => "delete",
            _ when synced is { IsDeleted: true } && !(bool)entry.Property(nameof(SyncEntity.IsDeleted)).OriginalValue! => "delete",
            _ => "update",
        };

        if (entry.State == EntityState.Added)
        {
            // A new row: all its audited values, written straight to JSON (the common case, and the bulk of a push).
            return NewAudit(actor, entry, tenantId, action, null, EntryJson.Write(entry, AuditJson, IsAuditedValue, skipNulls: false), now);
        }

        Dictionary<string, object?>? oldValues = null;
        var newValues = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var meta = property.Metadata;
            if (meta.PropertyInfo is { } info && !IsAuditedProperty(info)) continue;
            if (meta.Name is nameof(SyncEntity.UpdatedAt) or nameof(SyncEntity.Version) or nameof(SyncEntity.CreatedAt)) continue;

            if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
            {
                oldValues ??= [];
                oldValues[meta.Name] = property.OriginalValue;
                newValues[meta.Name] = property.CurrentValue;
            }
        }

        // A write that only touched unaudited bookkeeping (e.g. a login counter) is not an event.
        if (newValues.Count == 0) return null;

        return NewAudit(actor, entry, tenantId, action, oldValues is null ? null : JsonSerializer.Serialize(oldValues, AuditJson), JsonSerializer.Serialize(newValues, AuditJson), now);
    }

    private static AuditEntry NewAudit(AuditActor actor, EntityEntry entry, Guid tenantId, string action, string? oldValues, string newValues, DateTime now) =>
        NewAudit(actor, entry.Metadata.ClrType, entry.Property("Id").CurrentValue, tenantId, action, oldValues, newValues, now);

    private static AuditEntry NewAudit(AuditActor actor, Type type, object? id, Guid tenantId, string action, string? oldValues, string newValues, DateTime now) => new()
    {
        TenantId = tenantId,
        UserId = actor.UserId,
        DeviceId = actor.DeviceId,
        Action = action,
        EntityType = type.Name,
        EntityId = id?.ToString(),
        OldValues = oldValues,
        NewValues = newValues,
        IpAddress = actor.IpAddress,
        UserAgent = actor.UserAgent,
        CreatedAt = now,
    };

    /// <summary>What an audit entry records of a row: every property but [NotAudited] ones and the stamps.</summary>
    private static readonly Func<Microsoft.EntityFrameworkCore.Metadata.IProperty, bool> IsAuditedValue = p =>
        (p.PropertyInfo is not { } info || IsAuditedProperty(info)) && p.Name is not (nameof(SyncEntity.UpdatedAt) or nameof(SyncEntity.Version) or nameof(SyncEntity.CreatedAt));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> AuditedTypes = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, bool> SyncedProperties = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, bool> AuditedProperties = new();

    private static bool IsAuditedProperty(PropertyInfo property) =>
        AuditedProperties.GetOrAdd(property, p => p.GetCustomAttribute<NotAuditedAttribute>() is null);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> SyncedTypes = new();

    private static bool IsSyncedType(Type type) => SyncedTypes.GetOrAdd(type, t => t.GetCustomAttribute<NotSyncedAttribute>() is null);

    private static bool IsSynced(PropertyInfo? property) =>
        property is null || SyncedProperties.GetOrAdd(property, p => p.GetCustomAttribute<NotSyncedAttribute>() is null);

    private static bool IsAudited(Type type) => AuditedTypes.GetOrAdd(type, t =>
        t != typeof(Auth.RefreshToken) && t != typeof(Activities.Activity) && t.GetCustomAttribute<NotAuditedAttribute>() is null);
}

/// <summary>The rows <see cref="StampingInterceptor.Stamp"/> made for a unit of work's writes.</summary>
internal sealed record StampedRows(List<AuditEntry> Audits, List<Sync.ChangeLogEntry> Changes, List<Sync.StagedChange> Staged)
{
    /// <summary>Every row, in the order they are made.</summary>
    public IEnumerable<object> All => Audits.Cast<object>().Concat(Changes).Concat(Staged);

    /// <summary>Tells the unit of work's listeners (the hub, the reference cache) that its change-log rows commit with it.</summary>
    public void Raise(TillDbContext db)
    {
        if (Changes.Count > 0) db.Raise(new Sync.ChangesCommitted(Changes[0].TenantId, Changes));
    }
}
