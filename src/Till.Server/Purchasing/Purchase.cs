using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Catalog;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Purchasing;

internal enum PurchaseKind
{
    /// <summary>Goods received from the supplier: stock in at cost.</summary>
    Receipt,

    /// <summary>Goods sent back to the supplier: stock out.</summary>
    Return,
}

/// <summary>A delivery received from (or a return sent to) a supplier, into (or out of) one warehouse.</summary>
internal sealed class Purchase : SyncEntity
{
    public Guid SupplierId { get; set; }
    public Guid WarehouseId { get; set; }
    public PurchaseKind Kind { get; set; }

    /// <summary>The supplier's delivery note or invoice number.</summary>
    public string? Reference { get; set; }

    /// <summary>For a return: the receipt it returns goods from, when known.</summary>
    public Guid? ReturnOfId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public decimal Total { get; set; }
    public string? Notes { get; set; }
    public Guid? UserId { get; set; }
    public List<PurchaseLine> Lines { get; set; } = [];
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> b)
    {
        b.ToTable("purchases");
        b.HasIndex(x => new { x.TenantId, x.ReceivedAt });
        b.HasOne<Supplier>().WithMany().HasForeignKey(x => x.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Purchase>().WithMany().HasForeignKey(x => x.ReturnOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Reference).HasMaxLength(64);
        b.Property(x => x.Notes).HasMaxLength(1000);
    }
}
