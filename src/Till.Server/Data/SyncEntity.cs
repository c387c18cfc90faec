using Till.Core.Sync;

namespace Till.Server.Data;

/// <summary>
/// Base of every table that terminals sync: a UUIDv7 id (a device may create it), the tenant,
/// server timestamps, a version bumped on every server write and a tombstone flag.
/// The <see cref="StampingInterceptor"/> maintains everything but the id.
/// </summary>
internal abstract class SyncEntity : ITenantOwned
{
    public Guid Id { get; set; } = RowId.New();
    public Guid TenantId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    public bool IsDeleted { get; set; }
}
