using System.Globalization;
using Microsoft.Data.Sqlite;
using Till.Core.Money;
using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Receipts;
using Till.Core.Refunds;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;
using Till.Sdk.Internal;

namespace Till.Sdk;

/// <summary>
/// The cashier's actions on the local store. Each one checks its input, prices with
/// <c>Till.Core</c>, then writes its local effect and its outbox mutation in ONE SQLite
/// transaction, so a crash can never keep one without the other. Every method works offline.
/// </summary>
public sealed partial class CashRegister(LocalStore store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Checked before every sale; a refusal stops the sale (the licence guard plugs in here).</summary>
    public Func<string?>? SaleGate { get; set; }

    private DeviceProfile Device => store.Device ?? throw new SaleRefusedException("The terminal is not activated.");

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>The device's open shift, or null.</summary>
    public Guid? CurrentShiftId => store.Read(db =>
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id FROM shifts WHERE status = 'open' LIMIT 1";
        return cmd.ExecuteScalar() is string s ? Guid.Parse(s) : (Guid?)null;
    });

    /// <summary>Opens a shift with a float (<c>shift.open</c>).</summary>
    public ShiftOpen OpenShift(Guid? cashierId, decimal openingFloat)
    {
        if (openingFloat < 0) throw new SaleRefusedException("The opening float cannot be negative.");
        var shift = new ShiftOpen(RowId.New(), cashierId, openingFloat, Now);
        store.Write(tx =>
        {
            if (Exists(tx, "SELECT 1 FROM shifts WHERE status = 'open'")) throw new SaleRefusedException("A shift is already open on this terminal.");
            LocalStore.Exec(tx, "INSERT INTO shifts (id, status, data) VALUES ($a, 'open', $b)", shift.ShiftId, SdkJson.Serialize(shift));
            LocalStore.Enqueue(tx, MutationKinds.ShiftOpen, shift, shift.OpenedAt);
            return 0;
        });
        return shift;
    }

    /// <summary>What the drawer should hold: float + cash taken - cash refunded - change given + pay-ins - pay-outs.</summary>
    public decimal ExpectedCash(Guid shiftId) => store.Read(db => ExpectedCash(db, null, shiftId));

    /// <summary>Closes the open shift with the counted cash (<c>shift.close</c>).</summary>
    /// <remarks>A negative count is refused here, as the server refuses it: it would close the shift locally and then be rejected for good.</remarks>
    public ShiftClose CloseShift(decimal countedCash, string? note = null) => store.Write(tx =>
    {
        if (countedCash < 0) throw new SaleRefusedException("The counted cash cannot be negative.");
        var shiftId = OpenShiftId(tx) ?? throw new SaleRefusedException("No shift is open.");
        var close = new ShiftClose(shiftId, countedCash, ExpectedCash(tx.Connection!, tx, shiftId), note, Now);
        LocalStore.Exec(tx, "UPDATE shifts SET status = 'closed' WHERE id = $a", shiftId);
        LocalStore.Enqueue(tx, MutationKinds.ShiftClose, close, close.ClosedAt);
        return close;
    });

    /// <summary>Rings up and pays a sale (<c>order.complete</c>): stock leaves the branch warehouse.</summary>
    public OrderComplete CompleteSale(SaleRequest sale)
    {
        if (SaleGate?.Invoke() is { } refusal) throw new SaleRefusedException(refusal);
        var device = Device;
        if (sale.Lines.Count == 0) throw new SaleRefusedException("A sale needs at least one line.");
        if (sale.Lines.Any(l => l.Quantity <= 0)) throw new SaleRefusedException("Every line needs a positive quantity.");
        var lines = new List<OrderLineDraft>(sale.Lines.Count);
        foreach (var line in sale.Lines)
        {
            var product = store.GetProduct(line.ProductId) ?? throw new SaleRefusedException($"Product {line.ProductId} is not in this terminal's catalogue.");
            lines.Add(new OrderLineDraft(product.Id, product.CategoryId, product.Name, product.Price, line.Quantity, product.TaxRate) { Note = line.Note });
        }

        var draft = new OrderDraft(device.BranchId, Now, device.Currency, device.TaxMode, lines) { OrderDiscount = sale.OrderDiscount };
        var invalid = PricingEngine.Validate(draft);
        if (invalid.Count > 0) throw new SaleRefusedException(string.Join(" ", invalid.Values));
        var priced = PricingEngine.Price(draft);
        var settlement = PaymentSettler.Settle(priced, sale.Tenders);
        if (!settlement.Succeeded) throw new SaleRefusedException(settlement.Message ?? settlement.Error.ToString());

        var changeLeft = settlement.Change;
        var payments = settlement.Payments.Select(p =>
        {
            var change = p.Kind == PaymentMethodKind.Cash ? Math.Min(changeLeft, p.Tendered - p.Amount) : 0m;
            changeLeft -= change;
            return new OrderPaymentPayload(SdkJson.ToElement(p.Kind).GetString()!, p.Amount, p.Tendered, change, p.MethodCode, p.Reference);
        }).ToList();

        return store.Write(tx =>
        {
            // Paying a tab: it must still be open here (two screens may try to pay it).
            if (sale.OrderId is { } paying && ReadOrder(tx.Connection!, tx, paying) is { Status: not "open" } done)
                throw new SaleRefusedException($"This order is already {done.Status}.");
            var shiftId = OpenShiftId(tx);
            var number = NextReceiptNumber(tx, device);
            var order = new OrderComplete(
                sale.OrderId ?? RowId.New(), number, shiftId, sale.CashierId, sale.CustomerId, device.WarehouseId, sale.OrderType, sale.TableId,
                priced.Currency,
                priced.Lines.Select(l => new OrderLinePayload(sale.Lines[l.Index].LineId ?? RowId.New(), l.ProductId, l.Name, l.Quantity, l.UnitPrice, l.Discount, l.Tax, l.Total, l.Note)).ToList(),
                payments, priced.Subtotal, priced.DiscountTotal, priced.TaxTotal, priced.Rounding, priced.GrandTotal,
                priced.Loyalty.PointsEarned, priced.Loyalty.PointsRedeemed, Now);
            SaveOrder(tx, order.OrderId, number, shiftId, "completed", order, new Dictionary<Guid, decimal>());
            var seq = LocalStore.Enqueue(tx, MutationKinds.OrderComplete, order, order.CompletedAt);
            foreach (var line in order.Lines) LocalStore.AddPendingStock(tx, seq, line.ProductId, device.WarehouseId, -line.Quantity);
            return order;
        });
    }

    /// <summary>Refunds quantities of a completed order (<c>order.refund</c>); never more than sold minus already returned.</summary>
    public OrderRefund Refund(Guid orderId, IReadOnlyList<(Guid LineId, decimal Quantity)> lines, PaymentMethodKind method = PaymentMethodKind.Cash,
        bool restock = true, string? reason = null) => store.Write(tx =>
    {
        var local = ReadOrder(tx.Connection!, tx, orderId) ?? throw new SaleRefusedException("The order is not on this terminal.");
        if (local.Status is not ("completed" or "partly_refunded")) throw new SaleRefusedException($"A {local.Status} order cannot be refunded.");
        // The same arithmetic as the server (Till.Core's RefundCalculator on the amounts sold): each
        // line's share of the cash rounding, and the last unit back takes exactly what is left.
        var sold = local.Order.Lines;
        var index = sold.Select((l, i) => (l.LineId, i)).ToDictionary(x => x.LineId, x => x.i);
        var returning = new List<ReturnedQuantity>(lines.Count);
        foreach (var (lineId, quantity) in lines)
        {
            if (!index.TryGetValue(lineId, out var i)) throw new SaleRefusedException($"Line {lineId} is not on the order.");
            returning.Add(new ReturnedQuantity(i, quantity));
        }
        var earlier = local.Refunded.Where(r => r.Value > 0 && index.ContainsKey(r.Key)).Select(r => new ReturnedQuantity(index[r.Key], r.Value)).ToList();
        var calculated = RefundCalculator.Calculate(AsPriced(local.Order), earlier, returning);
        if (!calculated.Succeeded) throw new SaleRefusedException(calculated.Message ?? "The refund is not possible.");
        var refunded = new Dictionary<Guid, decimal>(local.Refunded);
        var refundLines = calculated.Lines.Select(r =>
        {
            var line = sold[r.LineIndex];
            refunded[line.LineId] = refunded.GetValueOrDefault(line.LineId) + r.Quantity;
            return new RefundLinePayload(line.LineId, line.ProductId, r.Quantity, r.Amount);
        }).ToList();

        var total = calculated.Total;
        var shiftId = OpenShiftId(tx);
        var refund = new OrderRefund(RowId.New(), orderId, shiftId, local.Order.WarehouseId, refundLines,
            [new OrderPaymentPayload(SdkJson.ToElement(method).GetString()!, total, total, 0m)], total, restock, reason, Now);
        var full = local.Order.Lines.All(l => refunded.GetValueOrDefault(l.LineId) >= l.Quantity);
        SaveOrder(tx, orderId, local.Number, local.ShiftId, full ? "refunded" : "partly_refunded", local.Order, refunded);
        if (method == PaymentMethodKind.Cash && shiftId is { } s)
            LocalStore.Exec(tx, "INSERT INTO cash_movements (id, shift_id, kind, amount, at) VALUES ($a, $b, 'refund', $c, $d)", refund.RefundId, s, -total, refund.RefundedAt);
        var seq = LocalStore.Enqueue(tx, MutationKinds.OrderRefund, refund, refund.RefundedAt);
        if (restock)
            foreach (var line in refundLines) LocalStore.AddPendingStock(tx, seq, line.ProductId, local.Order.WarehouseId, line.Quantity);
        return refund;
    });

    /// <summary>Voids a completed order inside its shift (<c>order.void</c>); its stock comes back.</summary>
    public OrderVoid Void(Guid orderId, string reason) => store.Write(tx =>
    {
        var local = ReadOrder(tx.Connection!, tx, orderId) ?? throw new SaleRefusedException("The order is not on this terminal.");
        if (local.Status != "completed") throw new SaleRefusedException($"A {local.Status} order cannot be voided.");
        if (local.ShiftId is null || local.ShiftId != OpenShiftId(tx)) throw new SaleRefusedException("Only an order of the open shift can be voided.");
        var voided = new OrderVoid(orderId, local.ShiftId, reason, Now);
        SaveOrder(tx, orderId, local.Number, local.ShiftId, "voided", local.Order, local.Refunded);
        var seq = LocalStore.Enqueue(tx, MutationKinds.OrderVoid, voided, voided.VoidedAt);
        foreach (var line in local.Order.Lines) LocalStore.AddPendingStock(tx, seq, line.ProductId, local.Order.WarehouseId, line.Quantity);
        return voided;
    });

    /// <summary>Pays cash into (<c>pay_in</c>) or out of (<c>pay_out</c>) the drawer (<c>cash.move</c>).</summary>
    public CashMove MoveCash(string direction, decimal amount, string? reason = null) => store.Write(tx =>
    {
        if (direction is not ("pay_in" or "pay_out")) throw new SaleRefusedException("The direction is pay_in or pay_out.");
        if (amount <= 0) throw new SaleRefusedException("The amount must be positive.");
        var shiftId = OpenShiftId(tx) ?? throw new SaleRefusedException("No shift is open.");
        var move = new CashMove(RowId.New(), shiftId, direction, amount, reason, Now);
        LocalStore.Exec(tx, "INSERT INTO cash_movements (id, shift_id, kind, amount, at) VALUES ($a, $b, $c, $d, $e)",
            move.MovementId, shiftId, direction, direction == "pay_in" ? amount : -amount, move.MovedAt);
        LocalStore.Enqueue(tx, MutationKinds.CashMove, move, move.MovedAt);
        return move;
    });

    /// <summary>Records an expense, paid from the drawer when a shift is open (<c>expense.add</c>).</summary>
    public ExpenseAdd AddExpense(decimal amount, string description, Guid? categoryId = null) => store.Write(tx =>
    {
        if (amount <= 0) throw new SaleRefusedException("The amount must be positive.");
        var shiftId = OpenShiftId(tx);
        var expense = new ExpenseAdd(RowId.New(), shiftId, categoryId, amount, description, Now);
        if (shiftId is { } s)
            LocalStore.Exec(tx, "INSERT INTO cash_movements (id, shift_id, kind, amount, at) VALUES ($a, $b, 'expense', $c, $d)", expense.ExpenseId, s, -amount, expense.SpentAt);
        LocalStore.Enqueue(tx, MutationKinds.ExpenseAdd, expense, expense.SpentAt);
        return expense;
    });

    /// <summary>Adjusts stock by a signed quantity in the branch warehouse (<c>stock.adjust</c>).</summary>
    public StockAdjust AdjustStock(Guid productId, decimal quantity, string? reason = null)
    {
        if (quantity == 0) throw new SaleRefusedException("The quantity must not be zero.");
        var warehouseId = Device.WarehouseId;
        var adjust = new StockAdjust(RowId.New(), productId, warehouseId, quantity, reason, Now);
        return store.Write(tx =>
        {
            var seq = LocalStore.Enqueue(tx, MutationKinds.StockAdjust, adjust, adjust.AdjustedAt);
            LocalStore.AddPendingStock(tx, seq, productId, warehouseId, quantity);
            return adjust;
        });
    }

    /// <summary>Records a stock count (<c>stock.count</c>); the server books the difference against its own level.</summary>
    public StockCount CountStock(Guid productId, decimal countedQuantity)
    {
        if (countedQuantity < 0) throw new SaleRefusedException("A count cannot be negative.");
        var count = new StockCount(RowId.New(), productId, Device.WarehouseId, countedQuantity, Now);
        return store.Write(tx =>
        {
            LocalStore.Enqueue(tx, MutationKinds.StockCount, count, count.CountedAt);
            return count;
        });
    }

    /// <summary>Creates or edits a customer (<c>customer.upsert</c>, with the mirrored version as base).</summary>
    public CustomerUpsert SaveCustomer(CustomerUpsert customer) => store.Write(tx =>
    {
        if (string.IsNullOrWhiteSpace(customer.Name)) throw new SaleRefusedException("A customer needs a name.");
        using var cmd = LocalStore.Command(tx, "SELECT version FROM entities WHERE entity = 'customer' AND id = $a", customer.CustomerId);
        var baseVersion = cmd.ExecuteScalar() is long v ? v : (long?)null;
        var payload = SdkJson.Serialize(customer);
        LocalStore.EnqueueRaw(tx, MutationKinds.CustomerUpsert, payload, Now, baseVersion, "customer", customer.CustomerId);
        LocalStore.ApplyLocalEdit(tx, "customer", customer.CustomerId, payload, version: null);
        return customer;
    });

    /// <summary>An order made on this terminal, or null.</summary>
    public LocalOrder? GetOrder(Guid id) => store.Read(db => ReadOrder(db, null, id));

    /// <summary>Every order made on this terminal, newest first.</summary>
    public IReadOnlyList<LocalOrder> GetOrders() => store.Read(db =>
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id FROM orders ORDER BY updated_at DESC";
        using var r = cmd.ExecuteReader();
        var ids = new List<Guid>();
        while (r.Read()) ids.Add(Guid.Parse(r.GetString(0)));
        r.Close();
        return ids.Select(id => ReadOrder(db, null, id)!).ToList();
    });

    /// <summary>A completed order's stored amounts as the refund calculator takes them (it reads totals, taxes, quantities and the rounding).</summary>
    private static PricedOrder AsPriced(OrderComplete order)
    {
        var lines = order.Lines.Select((l, i) => new PricedLine(i, l.ProductId, null, l.Name, l.Quantity, l.UnitPrice, [], 0m,
            l.UnitPrice * l.Quantity, l.Discount, 0m, l.Total, l.Total - l.Tax, l.Tax, l.Total)).ToList();
        return new PricedOrder(order.Currency, TaxMode.Inclusive, lines, [], order.Subtotal, order.DiscountTotal, 0m, order.GrandTotal - order.TaxTotal,
            order.TaxTotal, order.Rounding, order.GrandTotal, [], new LoyaltyOutcome(order.LoyaltyPointsRedeemed, 0m, order.LoyaltyPointsEarned), []);
    }

    private static string NextReceiptNumber(SqliteTransaction tx, DeviceProfile device)
    {
        var last = long.Parse(LocalStore.GetMeta(tx.Connection!, tx, MetaKeys.ReceiptSeq) ?? "0", CultureInfo.InvariantCulture);
        LocalStore.SetMeta(tx, MetaKeys.ReceiptSeq, (last + 1).ToString(CultureInfo.InvariantCulture));
        return new ReceiptNumber(device.BranchCode, device.DeviceCode, last + 1).ToString();
    }

    private static Guid? OpenShiftId(SqliteTransaction tx)
    {
        using var cmd = LocalStore.Command(tx, "SELECT id FROM shifts WHERE status = 'open' LIMIT 1");
        return cmd.ExecuteScalar() is string s ? Guid.Parse(s) : null;
    }

    private static bool Exists(SqliteTransaction tx, string sql, params object?[] args)
    {
        using var cmd = LocalStore.Command(tx, sql, args);
        return cmd.ExecuteScalar() is not null;
    }

    private void SaveOrder(SqliteTransaction tx, Guid id, string? number, Guid? shiftId, string status, OrderComplete order, IReadOnlyDictionary<Guid, decimal> refunded) =>
        LocalStore.Exec(tx, """
            INSERT INTO orders (id, number, shift_id, status, grand_total, data, updated_at) VALUES ($a, $b, $c, $d, $e, $f, $g)
            ON CONFLICT (id) DO UPDATE SET number = excluded.number, shift_id = excluded.shift_id, status = excluded.status,
                grand_total = excluded.grand_total, data = excluded.data, updated_at = excluded.updated_at
            """, id, number, shiftId, status, order.GrandTotal, SdkJson.Serialize(new StoredOrder(order, refunded)), Now);

    private static LocalOrder? ReadOrder(SqliteConnection db, SqliteTransaction? tx, Guid id)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT number, shift_id, status, data FROM orders WHERE id = $a";
        cmd.Parameters.AddWithValue("$a", id.ToString());
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var stored = SdkJson.Deserialize<StoredOrder>(r.GetString(3));
        return new LocalOrder(id, r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : Guid.Parse(r.GetString(1)), r.GetString(2), stored.Order, stored.Refunded);
    }

    private static decimal ExpectedCash(SqliteConnection db, SqliteTransaction? tx, Guid shiftId)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.Parameters.AddWithValue("$s", shiftId.ToString());
        cmd.CommandText = "SELECT data FROM shifts WHERE id = $s";
        var expected = cmd.ExecuteScalar() is string shift ? SdkJson.Deserialize<ShiftOpen>(shift).OpeningFloat : 0m;
        cmd.CommandText = "SELECT data FROM orders WHERE shift_id = $s AND status <> 'open' AND status <> 'voided'";
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var order = SdkJson.Deserialize<StoredOrder>(r.GetString(0)).Order;
                expected += order.Payments.Where(p => p.Method == "cash").Sum(p => p.Amount);
            }
        }

        cmd.CommandText = "SELECT amount FROM cash_movements WHERE shift_id = $s";
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read()) expected += LocalStore.ParseDecimal(r.GetString(0));
        }

        return expected;
    }
}
