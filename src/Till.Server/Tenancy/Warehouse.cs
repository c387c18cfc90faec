using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Tenancy;

internal enum WarehouseKind
{
    Store,
    Backroom,
    Van,
}

/// <summary>A place stock lives. Every branch has at least one; a van is a warehouse too.</summary>
internal sealed class Warehouse : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public WarehouseKind Kind { get; set; } = WarehouseKind.Store;

    /// <summary>The branch's default warehouse: sales take stock from here.</summary>
    public bool IsDefault { get; set; }
    public bool IsActive { get; set; } = true;

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> b)
    {
        b.HasIndex(x => new { x.TenantId, x.Code }).IsUnique().HasFilter("is_deleted = false");
        b.HasIndex(x => x.BranchId);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
    }
}
