using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// The highest sequence whose tombstones were purged for a tenant. A device whose cursor is below
/// it may have missed a delete, so it must re-bootstrap from a snapshot.
/// </summary>
[NotAudited]
internal sealed class SyncFloor : ITenantOwned
{
    public Guid TenantId { get; set; }
    public long PurgedThroughSeq { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class SyncFloorConfiguration : IEntityTypeConfiguration<SyncFloor>
{
    public void Configure(EntityTypeBuilder<SyncFloor> b)
    {
        b.ToTable("sync_floors");
        b.HasKey(x => x.TenantId);
    }
}
