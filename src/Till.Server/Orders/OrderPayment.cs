using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Payments;
using Till.Server.Data;

namespace Till.Server.Orders;

/// <summary>
/// Money in (a payment) or out (a refund, negative amount) on an order, by method, in a shift.
/// Shift totals and the Z report are sums of these rows.
/// </summary>
[ReadThroughParent]
internal sealed class OrderPayment : SyncEntity, IBranchScoped, Audit.IAuditedWithParent
{
    Guid Audit.IAuditedWithParent.AuditParentId => OrderId;
    /// <summary>The list a sale's new payments join in its audit entry and change.</summary>
    internal const string ListName = "payments";
    string Audit.IAuditedWithParent.AuditCollection => ListName;

    public Guid OrderId { get; set; }
    public Guid BranchId { get; set; }
    public Guid? ShiftId { get; set; }

    /// <summary>Set on refund rows.</summary>
    public Guid? RefundId { get; set; }

    /// <summary>Order in which the payments were handed over (receipts print them in this order).</summary>
    public int Position { get; set; }
    public PaymentMethodKind Kind { get; set; }

    /// <summary>The tenant's method code, e.g. <c>CASH</c>, <c>VISA</c>, <c>QRIS</c>.</summary>
    public required string MethodCode { get; set; }
    public string? Reference { get; set; }

    /// <summary>What was handed over (cash may be more than <see cref="Amount"/>: the rest was change).</summary>
    public decimal Tendered { get; set; }

    /// <summary>What the order received; negative for a refund.</summary>
    public decimal Amount { get; set; }
    public DateTime PaidAt { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class OrderPaymentConfiguration : IEntityTypeConfiguration<OrderPayment>
{
    public void Configure(EntityTypeBuilder<OrderPayment> b)
    {
        b.ToTable("order_payments");
        b.HasIndex(x => x.OrderId);
        b.HasIndex(x => x.ShiftId).HasFilter("shift_id IS NOT NULL");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.MethodCode).HasMaxLength(32);
        b.Property(x => x.Reference).HasMaxLength(100);
    }
}
