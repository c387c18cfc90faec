using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Orders;

/// <summary>A return of some lines of a completed order, with the money given back (see <see cref="OrderPayment.RefundId"/>).</summary>
internal sealed class OrderRefund : SyncEntity, IBranchScoped
{
    public Guid OrderId { get; set; }
    public Guid BranchId { get; set; }
    public Guid? DeviceId { get; set; }
    public Guid? ShiftId { get; set; }
    public Guid? UserId { get; set; }
    public decimal Total { get; set; }
    public decimal TaxTotal { get; set; }
    public string? Reason { get; set; }
    public DateTime RefundedAt { get; set; }
    public List<OrderRefundLine> Lines { get; set; } = [];

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

/// <summary>One returned line of a refund.</summary>
internal sealed class OrderRefundLine : SyncEntity, IBranchScoped
{
    public Guid RefundId { get; set; }
    public Guid OrderLineId { get; set; }
    public Guid BranchId { get; set; }
    public decimal Quantity { get; set; }
    public decimal Amount { get; set; }
    public decimal Tax { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class OrderRefundConfiguration : IEntityTypeConfiguration<OrderRefund>
{
    public void Configure(EntityTypeBuilder<OrderRefund> b)
    {
        b.ToTable("order_refunds");
        b.HasIndex(x => x.OrderId);
        b.HasIndex(x => x.ShiftId);
        b.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.RefundId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Reason).HasMaxLength(500);
    }
}

internal sealed class OrderRefundLineConfiguration : IEntityTypeConfiguration<OrderRefundLine>
{
    public void Configure(EntityTypeBuilder<OrderRefundLine> b)
    {
        b.ToTable("order_refund_lines");
        b.HasIndex(x => x.OrderLineId);
    }
}
