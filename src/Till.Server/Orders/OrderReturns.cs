using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Till.Core.Payments;
using Till.Core.Refunds;
using Till.Core.Sync;
using Till.Server.Customers;
using Till.Server.Data;
using Till.Server.Inventory;
using Till.Server.Restaurant;
using Till.Server.Shifts;

namespace Till.Server.Orders;

internal sealed record RefundLineRequest
{
    [Required] public Guid? LineId { get; init; }
    [Required, Range(typeof(decimal), "0.0001", "1000000")] public decimal? Quantity { get; init; }
}

internal sealed record RefundRequest
{
    /// <summary>Client-made id: the same refund sent twice is booked once.</summary>
    public Guid? Id { get; init; }
    [Required, MinLength(1), MaxLength(1000)] public List<RefundLineRequest>? Lines { get; init; }

    /// <summary>Where the money goes back; omitted: all of it to the order's main payment method.</summary>
    [MaxLength(20)] public List<PaymentRequest>? Payments { get; init; }
    [StringLength(500)] public string? Reason { get; init; }
}

internal sealed record VoidRequest
{
    [Required, StringLength(500, MinimumLength = 1)] public string? Reason { get; init; }
}

internal sealed record RefundDto(Guid Id, Guid OrderId, decimal Total, decimal TaxTotal, string? Reason, DateTime RefundedAt, IReadOnlyList<RefundLineDto> Lines, IReadOnlyList<OrderPaymentDto> Payments);

internal sealed record RefundLineDto(Guid OrderLineId, decimal Quantity, decimal Amount, decimal Tax);

/// <summary>
/// Voids and returns. A refund is worked out by <see cref="RefundCalculator"/> from the amounts
/// stored on the order (never by pricing again), can never take back more than was sold minus
/// what earlier refunds took, puts the stock back and pays out by one or several methods.
/// </summary>
internal sealed class OrderReturns(TillDbContext db, StockLedger stock, LoyaltyLedger loyalty, Checkout checkout, TimeProvider clock)
{
    public async Task<(OrderRefund Refund, List<OrderPayment> Payments)> RefundAsync(Guid orderId, RefundRequest request, Guid? deviceId, CancellationToken ct, bool restock = true)
    {
        if (request.Id is { } knownId && await db.OrderRefunds.Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == knownId, ct) is { } done)
            return (done, await db.OrderPayments.Where(p => p.OrderId == done.OrderId && p.RefundId == done.Id).ToListAsync(ct));

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await RowLocks.ForUpdateAsync<Order>(db, orderId, ct);
            var order = await checkout.LoadAsync(orderId, ct) ?? throw Checkout.Refuse(OrderError.NotFound("The order"));
            if (order.Status != OrderStatus.Completed)
                throw Checkout.Refuse(OrderError.Unprocessable($"Only completed orders can be refunded; this one is {order.Status.ToString().ToLowerInvariant()}."));

            var lines = order.Lines.Where(l => !l.IsDeleted).OrderBy(l => l.Position).ToList();
            var returning = new List<ReturnedQuantity>();
            for (var i = 0; i < request.Lines!.Count; i++)
            {
                var index = lines.FindIndex(l => l.Id == request.Lines[i].LineId);
                if (index < 0) throw Checkout.Refuse(OrderError.Invalid($"lines[{i}].line_id", "No such line on this order."));
                returning.Add(new ReturnedQuantity(index, request.Lines[i].Quantity!.Value));
            }
            var earlier = lines.Select((l, i) => new ReturnedQuantity(i, l.ReturnedQuantity)).Where(r => r.Quantity > 0).ToList();
            var refund = RefundCalculator.Calculate(Checkout.Stored(order), earlier, returning);
            if (!refund.Succeeded)
                throw Checkout.Refuse(refund.Error == RefundError.QuantityExceedsSold ? OrderError.Unprocessable(refund.Message!) : OrderError.Invalid("lines", refund.Message!));

            var shiftId = await OpenShiftAsync(deviceId, order.BranchId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var row = new OrderRefund
            {
                Id = request.Id ?? RowId.New(), OrderId = order.Id, BranchId = order.BranchId, DeviceId = deviceId, ShiftId = shiftId,
                UserId = db.Tenant.UserId, Total = refund.Total, TaxTotal = refund.TaxTotal, Reason = request.Reason, RefundedAt = now,
            };
            foreach (var line in refund.Lines)
            {
                var orderLine = lines[line.LineIndex];
                orderLine.ReturnedQuantity += line.Quantity;
                row.Lines.Add(new OrderRefundLine { RefundId = row.Id, OrderLineId = orderLine.Id, BranchId = order.BranchId, Quantity = line.Quantity, Amount = line.Amount, Tax = line.Tax });
            }
            db.OrderRefunds.Add(row);
            order.RefundedTotal += refund.Total;

            var payouts = await PayoutsAsync(order, request.Payments, refund.Total, ct);
            var payments = payouts.Select(p => new OrderPayment
            {
                OrderId = order.Id, BranchId = order.BranchId, ShiftId = shiftId, RefundId = row.Id, Kind = p.Kind, MethodCode = p.MethodCode!,
                Reference = p.Reference, Tendered = -p.Amount, Amount = -p.Amount, PaidAt = now,
            }).ToList();
            db.OrderPayments.AddRange(payments);

            if (restock)
                await ReturnStockAsync(order, refund.Lines.Select(l => (lines[l.LineIndex], l.Quantity)), MovementType.Return, "refund", row.Id, ct);
            if (refund.CompletesOrder && order.CustomerId is { } customerId && order.PointsEarned > 0)
                await loyalty.PostAsync(customerId, LoyaltyEntryType.Adjust, -order.PointsEarned, $"Refund of {order.Number}", "refund", row.Id, allowNegative: true, ct);

            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            return (row, payments);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public async Task<Order> VoidAsync(Guid orderId, string reason, Guid? deviceId, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await RowLocks.ForUpdateAsync<Order>(db, orderId, ct);
            var order = await checkout.LoadAsync(orderId, ct) ?? throw Checkout.Refuse(OrderError.NotFound("The order"));
            if (order.Status == OrderStatus.Voided) return order;
            if (order.RefundedTotal > 0) throw Checkout.Refuse(OrderError.Conflict("The order has refunds; refund the rest instead of voiding it."));
            var shiftId = await OpenShiftAsync(deviceId, order.BranchId, ct)
                ?? throw Checkout.Refuse(OrderError.Unprocessable("A void needs an open shift."));

            var now = clock.GetUtcNow().UtcDateTime;
            if (order.Status == OrderStatus.Completed)
            {
                // The money goes back by the methods it came in, in the shift that voids it.
                foreach (var payment in order.Payments.Where(p => p.RefundId is null).ToList())
                {
                    db.OrderPayments.Add(new OrderPayment
                    {
                        OrderId = order.Id, BranchId = order.BranchId, ShiftId = shiftId, Kind = payment.Kind, MethodCode = payment.MethodCode,
                        Reference = "void", Tendered = -payment.Amount, Amount = -payment.Amount, PaidAt = now,
                    });
                }
                await ReturnStockAsync(order, order.Lines.Where(l => !l.IsDeleted).Select(l => (l, l.Quantity)), MovementType.Return, "void", order.Id, ct);
                if (order.CustomerId is { } customerId)
                {
                    if (order.PointsEarned > 0)
                        await loyalty.PostAsync(customerId, LoyaltyEntryType.Adjust, -order.PointsEarned, $"Void of {order.Number}", "void", order.Id, allowNegative: true, ct);
                    if (order.PointsRedeemed > 0)
                        await loyalty.PostAsync(customerId, LoyaltyEntryType.Adjust, order.PointsRedeemed, $"Void of {order.Number}", "void", order.Id, ct: ct);
                }
            }
            else if (order.TableId is { } table && !await db.Orders.AnyAsync(o => o.TableId == table && o.Status == OrderStatus.Open && o.Id != order.Id, ct))
            {
                var row = await db.RestaurantTables.FirstOrDefaultAsync(t => t.Id == table, ct);
                if (row is not null) row.Status = TableStatus.Free;
            }

            order.Status = OrderStatus.Voided;
            order.VoidedAt = now;
            order.VoidedBy = db.Tenant.UserId;
            order.VoidReason = reason;
            Activities.ActivityFeed.Record(db, "order.voided", $"Order {order.Number} was voided: {reason}", order.BranchId, new { order_id = order.Id });
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            return order;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>The open shift of the acting device, or (without a device) any open shift of the branch.</summary>
    private Task<Guid?> OpenShiftAsync(Guid? deviceId, Guid branchId, CancellationToken ct) =>
        db.Shifts.Where(s => s.Status == ShiftStatus.Open && (deviceId == null ? s.BranchId == branchId : s.DeviceId == deviceId))
            .OrderBy(s => s.OpenedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);

    private async Task<List<SettledPayment>> PayoutsAsync(Order order, List<PaymentRequest>? requested, decimal total, CancellationToken ct)
    {
        if (total == 0) return [];
        if (requested is not { Count: > 0 })
        {
            var main = order.Payments.Where(p => p.RefundId is null && p.Amount > 0 && p.Kind != PaymentMethodKind.LoyaltyPoints)
                .OrderByDescending(p => p.Amount).FirstOrDefault();
            return [new SettledPayment(main?.Kind ?? PaymentMethodKind.Cash, main?.MethodCode ?? "CASH", null, total, total)];
        }
        var methods = await PaymentMethods.EnabledAsync(db, order.BranchId, ct);
        var payouts = new List<SettledPayment>();
        for (var i = 0; i < requested.Count; i++)
        {
            var code = requested[i].Method!.Trim().ToUpperInvariant();
            if (!methods.TryGetValue(code, out var method))
                throw Checkout.Refuse(OrderError.Invalid($"payments[{i}].method", $"'{requested[i].Method}' is not a payment method enabled in this branch."));
            payouts.Add(new SettledPayment(method.Kind, method.Code, requested[i].Reference, requested[i].Amount!.Value, requested[i].Amount!.Value));
        }
        if (payouts.Sum(p => p.Amount) != total)
            throw Checkout.Refuse(OrderError.Unprocessable($"The refund is {total}; the payments back add up to {payouts.Sum(p => p.Amount)}."));
        return payouts;
    }

    private async Task ReturnStockAsync(Order order, IEnumerable<(OrderLine Line, decimal Quantity)> lines, MovementType type, string reference, Guid referenceId, CancellationToken ct)
    {
        var list = lines.Where(l => l.Quantity > 0).ToList();
        var tracked = await checkout.TrackedAsync(list.Select(l => l.Line.ProductId), ct);
        if (tracked.Count == 0) return;
        var warehouseId = await checkout.DefaultWarehouseAsync(order.BranchId, ct);
        await stock.PostManyAsync(list.Where(l => tracked.Contains(l.Line.ProductId)).GroupBy(l => l.Line.ProductId)
            .Select(group => new StockPosting(warehouseId, group.Key, type, group.Sum(l => l.Quantity), ReferenceType: reference, ReferenceId: referenceId, Notes: order.Number)).ToList(), ct);
        await db.SaveChangesAsync(ct);
    }

    public static RefundDto ToDto(OrderRefund r, IEnumerable<OrderPayment> payments) => new(
        r.Id, r.OrderId, r.Total, r.TaxTotal, r.Reason, r.RefundedAt,
        [.. r.Lines.Select(l => new RefundLineDto(l.OrderLineId, l.Quantity, l.Amount, l.Tax))],
        [.. payments.Select(p => new OrderPaymentDto(p.Id, p.Kind, p.MethodCode, p.Reference, p.Tendered, p.Amount, p.RefundId, p.PaidAt))]);
}
