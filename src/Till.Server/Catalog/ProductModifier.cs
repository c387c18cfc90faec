using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Catalog;

/// <summary>A restaurant option on a product with its extra price, e.g. "extra shot +5,000" or "no ice +0".</summary>
internal sealed class ProductModifier : SyncEntity
{
    public Guid ProductId { get; set; }
    public required string Name { get; set; }
    public decimal Price { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class ProductModifierConfiguration : IEntityTypeConfiguration<ProductModifier>
{
    public void Configure(EntityTypeBuilder<ProductModifier> b)
    {
        b.ToTable("product_modifiers");
        b.HasIndex(x => x.ProductId);
        b.Property(x => x.Name).HasMaxLength(100);
    }
}
