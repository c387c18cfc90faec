using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Catalog;

/// <summary>A node of the category tree (e.g. Drinks / Coffee). Siblings are shown in sort order.</summary>
internal sealed class Category : SyncEntity
{
    public Guid? ParentId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("categories");
        b.HasIndex(x => new { x.TenantId, x.ParentId, x.Name }).IsUnique().HasFilter("is_deleted = false");
        b.HasOne<Category>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(100);
    }
}
