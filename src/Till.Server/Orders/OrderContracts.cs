using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Till.Core.Payments;
using Till.Core.Pricing;

namespace Till.Server.Orders;

internal sealed record DiscountRequest
{
    [Required] public DiscountKind? Kind { get; init; }
    [Required, Range(typeof(decimal), "0", "1000000000000")] public decimal? Value { get; init; }

    public Discount ToDiscount() => new(Kind!.Value, Value!.Value);
}

internal sealed record OrderLineRequest
{
    [Required] public Guid? ProductId { get; init; }
    [Required, Range(typeof(decimal), "0.0001", "1000000")] public decimal? Quantity { get; init; }
    public DiscountRequest? Discount { get; init; }
    [MaxLength(50)] public List<Guid>? ModifierIds { get; init; }
    [StringLength(500)] public string? Note { get; init; }

    /// <summary>Offline sales only: the unit price the till charged.</summary>
    [Range(typeof(decimal), "0", "1000000000000")] public decimal? UnitPrice { get; init; }

    /// <summary>Offline sales only: the name printed on the till's receipt.</summary>
    [StringLength(200)] public string? Name { get; init; }

    public SaleLineInput ToInput() => new(ProductId!.Value, Quantity!.Value)
    {
        Discount = Discount?.ToDiscount(), ModifierIds = ModifierIds ?? [], Note = Note, UnitPrice = UnitPrice, Name = Name,
    };
}

internal sealed record PaymentRequest
{
    /// <summary>The tenant's payment method code, e.g. <c>CASH</c>.</summary>
    [Required, StringLength(32)] public string? Method { get; init; }
    [Required, Range(typeof(decimal), "0.0001", "1000000000000000")] public decimal? Amount { get; init; }
    [StringLength(100)] public string? Reference { get; init; }

    public TenderInput ToInput() => new(Method!, Amount!.Value, Reference);
}

/// <summary>
/// The online checkout (<c>POST /api/orders</c>) and, with <c>number</c>, <c>sold_at</c> and line prices,
/// a till's offline <c>order.complete</c>.
/// </summary>
internal sealed record OrderRequest : IValidatableObject
{
    /// <summary>Client-made id (UUIDv7): posting the same id twice books one order.</summary>
    public Guid? Id { get; init; }

    /// <summary>Defaults to the branch of the signed-in device or user.</summary>
    public Guid? BranchId { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? TableId { get; init; }
    [Range(1, 1000)] public int? Guests { get; init; }
    [Required, MinLength(1), MaxLength(1000)] public List<OrderLineRequest>? Lines { get; init; }
    [MaxLength(100)] public List<PaymentRequest>? Payments { get; init; }
    public DiscountRequest? OrderDiscount { get; init; }
    [MaxLength(20)] public List<string>? Coupons { get; init; }
    [Range(0, long.MaxValue)] public long? PointsToRedeem { get; init; }
    [StringLength(1000)] public string? Note { get; init; }

    /// <summary>Open a tab instead of completing now.</summary>
    public bool? Open { get; init; }

    /// <summary>Offline sales: the till's order number, time of sale and grand total.</summary>
    [StringLength(64)] public string? Number { get; init; }
    public DateTime? SoldAt { get; init; }
    public decimal? GrandTotal { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Open != true && (Payments is null || Payments.Count == 0))
            yield return new ValidationResult("A completed order needs at least one payment (or open a tab with open: true).", [nameof(Payments)]);
        if (Open == true && Payments is { Count: > 0 })
            yield return new ValidationResult("A tab is paid when it is completed, not when it is opened.", [nameof(Payments)]);
    }

    public SaleInput ToInput(Guid branchId, Guid? deviceId, bool offline) => new(branchId,
        (Lines ?? []).Select(l => l.ToInput()).ToList(), (Payments ?? []).Select(p => p.ToInput()).ToList())
    {
        OrderId = Id, DeviceId = deviceId, CustomerId = CustomerId, TableId = TableId, Guests = Guests,
        OrderDiscount = OrderDiscount?.ToDiscount(), Coupons = Coupons ?? [], PointsToRedeem = PointsToRedeem ?? 0, Note = Note,
        Open = Open == true, Offline = offline, Number = offline ? Number : null, SoldAt = offline ? SoldAt : null, DeviceGrandTotal = offline ? GrandTotal : null,
    };
}

internal sealed record CompleteTabRequest
{
    [Required, MinLength(1), MaxLength(100)] public List<PaymentRequest>? Payments { get; init; }
    [Range(0, long.MaxValue)] public long? PointsToRedeem { get; init; }
}

internal sealed record OrderFilter
{
    [FromQuery(Name = "from")] public DateTime? From { get; init; }
    [FromQuery(Name = "to")] public DateTime? To { get; init; }
    [FromQuery(Name = "branch_id")] public Guid? BranchId { get; init; }
    [FromQuery(Name = "cashier_id")] public Guid? CashierId { get; init; }
    [FromQuery(Name = "customer_id")] public Guid? CustomerId { get; init; }
    [FromQuery(Name = "shift_id")] public Guid? ShiftId { get; init; }
    [FromQuery(Name = "table_id")] public Guid? TableId { get; init; }
    [FromQuery(Name = "status")] public OrderStatus? Status { get; init; }
    [FromQuery(Name = "payment_method"), StringLength(32)] public string? PaymentMethod { get; init; }
    [FromQuery(Name = "needs_review")] public bool? NeedsReview { get; init; }
}

internal sealed record OrderLineDto(
    Guid Id, int Position, Guid ProductId, string Name, decimal Quantity, decimal UnitPrice, decimal TaxRate,
    decimal Gross, decimal ManualDiscount, decimal PromotionDiscount, decimal Amount, decimal Net, decimal Tax, decimal Total,
    decimal ReturnedQuantity, IReadOnlyList<LineModifier> Modifiers, string? Note, long Version);

internal sealed record OrderPaymentDto(Guid Id, PaymentMethodKind Kind, string Method, string? Reference, decimal Tendered, decimal Amount, Guid? RefundId, DateTime PaidAt);

internal sealed record OrderDto(
    Guid Id, string? Number, OrderStatus Status, Guid BranchId, Guid? DeviceId, Guid? ShiftId, Guid? CustomerId, Guid? CashierId,
    Guid? TableId, int? Guests, string Currency, TaxMode TaxMode,
    decimal Subtotal, decimal DiscountTotal, decimal ManualDiscountTotal, decimal PromotionDiscountTotal, decimal NetTotal, decimal TaxTotal,
    decimal Rounding, decimal GrandTotal, decimal Tendered, decimal Change, decimal RefundedTotal,
    long PointsRedeemed, long PointsEarned, JsonElement? Promotions, bool IsOffline, bool NeedsReview, string? ReviewNotes, string? Note,
    DateTime OpenedAt, DateTime? CompletedAt, DateTime? VoidedAt, string? VoidReason,
    IReadOnlyList<OrderLineDto> Lines, IReadOnlyList<OrderPaymentDto> Payments, long Version)
{
    public static OrderDto From(Order o) => new(
        o.Id, o.Number, o.Status, o.BranchId, o.DeviceId, o.ShiftId, o.CustomerId, o.CashierId, o.TableId, o.Guests, o.Currency, o.TaxMode,
        o.Subtotal, o.ManualDiscountTotal + o.PromotionDiscountTotal, o.ManualDiscountTotal, o.PromotionDiscountTotal, o.NetTotal, o.TaxTotal,
        o.Rounding, o.GrandTotal, o.Tendered, o.Change, o.RefundedTotal, o.PointsRedeemed, o.PointsEarned,
        o.PromotionsJson is null ? null : JsonDocument.Parse(o.PromotionsJson).RootElement.Clone(),
        o.IsOffline, o.NeedsReview, o.ReviewNotes, o.Note, o.OpenedAt, o.CompletedAt, o.VoidedAt, o.VoidReason,
        [.. o.Lines.Where(l => !l.IsDeleted).OrderBy(l => l.Position).ThenBy(l => l.Id).Select(l => new OrderLineDto(l.Id, l.Position, l.ProductId, l.Name, l.Quantity, l.UnitPrice, l.TaxRate,
            l.Gross, l.ManualDiscount, l.PromotionDiscount, l.Amount, l.Net, l.Tax, l.Total, l.ReturnedQuantity, Checkout.ReadModifiers(l.ModifiersJson), l.Note, l.Version))],
        [.. o.Payments.OrderBy(p => p.PaidAt).ThenBy(p => p.Position).Select(p => new OrderPaymentDto(p.Id, p.Kind, p.MethodCode, p.Reference, p.Tendered, p.Amount, p.RefundId, p.PaidAt))],
        o.Version);
}
