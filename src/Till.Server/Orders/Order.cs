using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Pricing;
using Till.Server.Data;

namespace Till.Server.Orders;

internal enum OrderStatus
{
    /// <summary>A tab: lines are still being added (restaurant), nothing is paid yet.</summary>
    Open,
    Completed,
    Voided,
}

/// <summary>
/// A sale. An open order (a tab) is edited line by line; completing it prices it with
/// <c>Till.Core</c>, books its payments, stock and loyalty. The stored amounts are what the customer
/// paid: refunds are worked out from them, never by pricing again.
/// </summary>
internal sealed class Order : SyncEntity, IBranchScoped, Audit.ICarriesChildrenInChanges
{
    /// <summary>A sale completed when it is made carries its lines and payments in its change; a tab (lines come and go) does not.</summary>
    bool Audit.ICarriesChildrenInChanges.CarriesChildren => Status != OrderStatus.Open;

    public Guid BranchId { get; set; }
    public Guid? DeviceId { get; set; }
    public Guid? ShiftId { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? CashierId { get; set; }
    public Guid? TableId { get; set; }
    public int? Guests { get; set; }

    /// <summary>From the device's series, e.g. <c>JKT1-T2-000123</c>; set when the order completes (or opens as a tab).</summary>
    public string? Number { get; set; }
    public OrderStatus Status { get; set; }
    public string Currency { get; set; } = "USD";
    public TaxMode TaxMode { get; set; }

    public decimal Subtotal { get; set; }
    public decimal ManualDiscountTotal { get; set; }
    public decimal PromotionDiscountTotal { get; set; }
    public decimal NetTotal { get; set; }
    public decimal TaxTotal { get; set; }
    public decimal Rounding { get; set; }
    public decimal GrandTotal { get; set; }
    public decimal Tendered { get; set; }
    public decimal Change { get; set; }
    public decimal RefundedTotal { get; set; }

    public long PointsRedeemed { get; set; }
    public decimal RedeemedValue { get; set; }
    public long PointsEarned { get; set; }

    /// <summary>Manual order discount as rung up (kept so a tab reprices the same way).</summary>
    public DiscountKind? OrderDiscountKind { get; set; }
    public decimal? OrderDiscountValue { get; set; }

    /// <summary>Coupon codes presented, comma separated.</summary>
    public string? CouponCodes { get; set; }

    /// <summary>The applied promotions as JSON (for the receipt).</summary>
    public string? PromotionsJson { get; set; }
    public string? Note { get; set; }

    public DateTime OpenedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? VoidedAt { get; set; }
    public Guid? VoidedBy { get; set; }
    public string? VoidReason { get; set; }

    /// <summary>True for sales made offline and pushed later.</summary>
    public bool IsOffline { get; set; }

    /// <summary>Set when an offline sale differs from what the server would have charged (prices, stock).</summary>
    public bool NeedsReview { get; set; }
    public string? ReviewNotes { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
    public List<OrderPayment> Payments { get; set; } = [];

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.HasIndex(x => new { x.TenantId, x.Number }).IsUnique().HasFilter("number IS NOT NULL");
        b.HasIndex(x => new { x.TenantId, x.BranchId, x.CompletedAt });
        // A retail sale has no table, and a shop that keeps no shifts has no shift: those orders are looked up by neither,
        // so they take no entry in these indexes (one write fewer per sale; every lookup asks for a given table or shift).
        b.HasIndex(x => x.ShiftId).HasFilter("shift_id IS NOT NULL");
        b.HasIndex(x => x.TableId).HasFilter("table_id IS NOT NULL");
        // No foreign key to branches: a sale's branch is read and checked before the sale is written (branches
        // are only ever soft-deleted), and every sale's key check locked its branch's one row for key share.
        // Lines and payments belong to their order in the model (it loads and saves them with it), but on PostgreSQL
        // the database does not check them against it: the migration that drops those two constraints
        // (LeanerSaleWrites) is written by hand, as Entity Framework cannot yet express a relationship without one.
        // They are only ever written with or under their order (a sale, a tab's line under the order's row lock, a
        // refund), and orders are never deleted. A migration generated later that alters these relationships would
        // add the constraints again: drop them from it.
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Payments).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Number).HasMaxLength(64);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TaxMode).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.OrderDiscountKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.CouponCodes).HasMaxLength(500);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.VoidReason).HasMaxLength(500);
        b.Property(x => x.ReviewNotes).HasMaxLength(4000);
    }
}
