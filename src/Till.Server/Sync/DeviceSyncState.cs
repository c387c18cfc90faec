using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Sync;

/// <summary>
/// Where one device stands: the last mutation number applied (updated in the same transaction as
/// the mutation's effect), its pull cursor, and what it last reported.
/// </summary>
[NotAudited]
internal sealed class DeviceSyncState : ITenantOwned
{
    public Guid DeviceId { get; set; }
    public Guid TenantId { get; set; }
    public long LastAppliedSeq { get; set; }
    public long LastPulledSeq { get; set; }
    public DateTime? LastPushAt { get; set; }
    public DateTime? LastPullAt { get; set; }
    public int? ReportedQueueLength { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
}

internal sealed class DeviceSyncStateConfiguration : IEntityTypeConfiguration<DeviceSyncState>
{
    public void Configure(EntityTypeBuilder<DeviceSyncState> b)
    {
        b.ToTable("device_sync_states");
        b.HasKey(x => x.DeviceId);
        b.HasOne<Device>().WithOne().HasForeignKey<DeviceSyncState>(x => x.DeviceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.LastError).HasMaxLength(1000);
        // Guards the mutation counter: two pushes of one device can never both advance it.
        b.Property(x => x.LastAppliedSeq).IsConcurrencyToken();
    }
}
