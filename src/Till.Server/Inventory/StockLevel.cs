using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Catalog;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Inventory;

/// <summary>
/// The current quantity of a product in a warehouse: the sum of its <see cref="StockMovement"/>s,
/// kept for fast reads. Only <see cref="StockLedger"/> writes it, with a set-based increment.
/// </summary>
internal sealed class StockLevel : SyncEntity
{
    public Guid WarehouseId { get; set; }
    public Guid ProductId { get; set; }
    public decimal Quantity { get; set; }
}

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> b)
    {
        b.ToTable("stock_levels");
        // Not filtered: levels are never deleted, and the upsert's ON CONFLICT needs a plain unique index.
        b.HasIndex(x => new { x.TenantId, x.WarehouseId, x.ProductId }).IsUnique();
        b.HasIndex(x => x.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.WarehouseId).OnDelete(DeleteBehavior.Restrict);
    }
}
