using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Pricing;
using Till.Server.Data;

namespace Till.Server.Orders;

/// <summary>
/// One line of an order. On a tab each line is its own row, so two waiters adding or changing
/// different lines at once never overwrite each other. The priced amounts are filled when the order completes.
/// </summary>
[ReadThroughParent]
internal sealed class OrderLine : SyncEntity, IBranchScoped, Audit.IAuditedWithParent
{
    Guid Audit.IAuditedWithParent.AuditParentId => OrderId;
    /// <summary>The list a sale's new lines join in its audit entry and change.</summary>
    internal const string ListName = "lines";
    string Audit.IAuditedWithParent.AuditCollection => ListName;

    public Guid OrderId { get; set; }
    public Guid BranchId { get; set; }

    /// <summary>Position on the receipt (the pricing engine's line index), set when the order completes.</summary>
    public int Position { get; set; }
    public Guid ProductId { get; set; }
    public Guid? CategoryId { get; set; }
    public required string Name { get; set; }
    public decimal Quantity { get; set; }

    /// <summary>Shelf price of one unit without modifiers.</summary>
    public decimal ShelfPrice { get; set; }
    public decimal TaxRate { get; set; }
    public DiscountKind? DiscountKind { get; set; }
    public decimal? DiscountValue { get; set; }

    /// <summary>Chosen modifiers as JSON <c>[{"name":..,"price":..}]</c>.</summary>
    public string? ModifiersJson { get; set; }
    public string? Note { get; set; }

    public decimal UnitPrice { get; set; }
    public decimal Gross { get; set; }
    public decimal ManualDiscount { get; set; }
    public decimal PromotionDiscount { get; set; }
    public decimal Amount { get; set; }
    public decimal Net { get; set; }
    public decimal Tax { get; set; }
    public decimal Total { get; set; }

    /// <summary>Units already given back by refunds.</summary>
    public decimal ReturnedQuantity { get; set; }

    /// <summary>Units already sent to the kitchen (a tab sends only what is new).</summary>
    public decimal SentToKitchen { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines");
        b.HasIndex(x => x.OrderId);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.DiscountKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ModifiersJson).HasMaxLength(4000);
        b.Property(x => x.Note).HasMaxLength(500);
    }
}
