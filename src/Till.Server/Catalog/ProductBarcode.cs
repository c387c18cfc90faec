using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Catalog;

/// <summary>One of a product's barcodes (a product may carry several, e.g. a single can and a pack).</summary>
internal sealed class ProductBarcode : SyncEntity
{
    public Guid ProductId { get; set; }
    public required string Code { get; set; }
}

internal sealed class ProductBarcodeConfiguration : IEntityTypeConfiguration<ProductBarcode>
{
    public void Configure(EntityTypeBuilder<ProductBarcode> b)
    {
        b.ToTable("product_barcodes");
        b.HasIndex(x => new { x.TenantId, x.Code }).IsUnique().HasFilter("is_deleted = false");
        b.HasIndex(x => x.ProductId);
        b.Property(x => x.Code).HasMaxLength(64);
    }
}
