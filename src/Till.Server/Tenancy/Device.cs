using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Tenancy;

/// <summary>A terminal registered to a branch. Its code numbers the receipts it issues.</summary>
internal sealed class Device : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }

    /// <summary>Short code unique in the branch (e.g. <c>T2</c>), part of every receipt number.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Hardware fingerprint bound when a licence seat is activated.</summary>
    public string? Fingerprint { get; set; }
    public string? Platform { get; set; }
    public DateTime? LastSeenAt { get; set; }
    public bool IsActive { get; set; } = true;

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.HasIndex(x => new { x.TenantId, x.BranchId, x.Code }).IsUnique().HasFilter("is_deleted = false");
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Fingerprint).HasMaxLength(200);
        b.Property(x => x.Platform).HasMaxLength(100);
    }
}
