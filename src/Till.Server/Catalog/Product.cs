using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Catalog;

/// <summary>Something a shop sells. SKU and barcodes are unique per tenant among live products.</summary>
internal sealed class Product : SyncEntity
{
    public Guid? CategoryId { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Brand { get; set; }
    public string Unit { get; set; } = "pcs";

    /// <summary>Last purchase cost (see Purchasing/PurchasesApi: goods received overwrite it).</summary>
    public decimal Cost { get; set; }

    /// <summary>Base selling price; a branch may override it (<see cref="ProductBranch"/>).</summary>
    public decimal Price { get; set; }

    /// <summary>Percent, e.g. 11 for 11% VAT.</summary>
    public decimal TaxRate { get; set; }
    public string? ImageUrl { get; set; }

    /// <summary>Free-form JSON object (size, colour, allergens ...).</summary>
    public string? Attributes { get; set; }
    public bool TrackStock { get; set; } = true;
    public bool IsActive { get; set; } = true;

    public List<ProductBarcode> Barcodes { get; set; } = [];
    public List<ProductModifier> Modifiers { get; set; } = [];
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.HasIndex(x => new { x.TenantId, x.Sku }).IsUnique().HasFilter("is_deleted = false");
        b.HasIndex(x => new { x.TenantId, x.Name });
        b.HasIndex(x => x.CategoryId);
        b.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Barcodes).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Modifiers).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Sku).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Brand).HasMaxLength(100);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.ImageUrl).HasMaxLength(500);
    }
}
