using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Inventory;

/// <summary>Stock moved from one warehouse to another (same or other branch, or onto a van). Its lines are ledger movements.</summary>
internal sealed class StockTransfer : SyncEntity
{
    public Guid FromWarehouseId { get; set; }
    public Guid ToWarehouseId { get; set; }
    public string? Notes { get; set; }
    public int LineCount { get; set; }
    public Guid? UserId { get; set; }
}

internal sealed class StockTransferConfiguration : IEntityTypeConfiguration<StockTransfer>
{
    public void Configure(EntityTypeBuilder<StockTransfer> b)
    {
        b.ToTable("stock_transfers");
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.FromWarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.ToWarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Notes).HasMaxLength(500);
    }
}
