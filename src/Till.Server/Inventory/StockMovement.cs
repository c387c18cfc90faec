using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Inventory;

/// <summary>
/// One line of the stock ledger: a signed quantity of a product into (+) or out of (-) a warehouse.
/// Rows are only ever appended; the level of a product in a warehouse is the sum of its movements.
/// Written only through <see cref="StockLedger"/>. The ledger is its own audit trail (who, what,
/// why, the balance after), and it stays on the server: devices mirror the levels, not the movements.
/// </summary>
[NotAudited]
[NotSynced]
internal sealed class StockMovement : SyncEntity
{
    public Guid WarehouseId { get; set; }
    public Guid ProductId { get; set; }
    public MovementType Type { get; set; }
    public decimal Quantity { get; set; }

    /// <summary>Cost per unit at the time of the movement (valuation, purchases).</summary>
    public decimal? UnitCost { get; set; }

    /// <summary>The level right after this movement (the ledger's running balance).</summary>
    public decimal BalanceAfter { get; set; }

    /// <summary>What caused it: <c>transfer</c>, <c>purchase</c>, <c>order</c> ... with that record's id.</summary>
    public string? ReferenceType { get; set; }
    public Guid? ReferenceId { get; set; }
    public string? Notes { get; set; }
    public Guid? UserId { get; set; }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.ToTable("stock_movements");
        b.HasIndex(x => new { x.TenantId, x.ProductId, x.CreatedAt });
        b.HasIndex(x => new { x.WarehouseId, x.ProductId });
        b.HasIndex(x => x.ReferenceId);
        // No foreign keys to products and warehouses. Every movement is posted against its level row in the
        // same transaction, and stock_levels keeps both keys, so a movement's product and warehouse exist
        // (master data is only ever soft-deleted). On PostgreSQL each key check locked the product's and the
        // warehouse's row for key share: tills selling at once queued on the same few rows (docs/benchmarks.md,
        // "ledger rows without foreign keys").
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ReferenceType).HasMaxLength(32);
        b.Property(x => x.Notes).HasMaxLength(500);
    }
}
