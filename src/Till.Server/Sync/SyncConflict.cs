using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Sync;
using Till.Server.Data;

namespace Till.Server.Sync;

internal enum ConflictResolution
{
    /// <summary>Resolved automatically: the later write (the device's) won.</summary>
    LastWriteWins,
    KeepServer,
    TakeClient,
    Merged,
}

/// <summary>A master-data edit made on a stale version, kept for review and re-resolution.</summary>
[NotAudited]
internal sealed class SyncConflict : ITenantOwned
{
    public Guid Id { get; set; } = RowId.New();
    public Guid TenantId { get; set; }
    public Guid DeviceId { get; set; }
    public long MutationSeq { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public long BaseVersion { get; set; }
    public long ServerVersion { get; set; }

    /// <summary>The row as the server had it before the device's write (JSON).</summary>
    public required string ServerData { get; set; }

    /// <summary>What the device sent (JSON).</summary>
    public required string ClientData { get; set; }
    public ConflictResolution Resolution { get; set; } = ConflictResolution.LastWriteWins;
    public bool IsReviewed { get; set; }
    public Guid? ResolvedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

internal sealed class SyncConflictConfiguration : IEntityTypeConfiguration<SyncConflict>
{
    public void Configure(EntityTypeBuilder<SyncConflict> b)
    {
        b.ToTable("sync_conflicts");
        b.HasIndex(x => new { x.TenantId, x.IsReviewed, x.CreatedAt });
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.Resolution).HasConversion<string>().HasMaxLength(32);
    }
}
