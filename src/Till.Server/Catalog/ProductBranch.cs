using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Catalog;

/// <summary>
/// What differs for a product in one branch: its price, whether it is sold there, the stock range
/// that triggers low-stock alerts, and where it sits on the shelf. Null means "as the product".
/// </summary>
internal sealed class ProductBranch : SyncEntity
{
    public Guid ProductId { get; set; }
    public Guid BranchId { get; set; }
    public decimal? Price { get; set; }
    public bool IsAvailable { get; set; } = true;
    public decimal? MinStock { get; set; }
    public decimal? MaxStock { get; set; }
    public string? ShelfLocation { get; set; }
}

internal sealed class ProductBranchConfiguration : IEntityTypeConfiguration<ProductBranch>
{
    public void Configure(EntityTypeBuilder<ProductBranch> b)
    {
        b.ToTable("product_branches");
        b.HasIndex(x => new { x.TenantId, x.ProductId, x.BranchId }).IsUnique().HasFilter("is_deleted = false");
        b.HasIndex(x => x.BranchId);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.ShelfLocation).HasMaxLength(50);
    }
}
