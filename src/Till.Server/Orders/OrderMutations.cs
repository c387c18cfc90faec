using System.Text.Json;
using Till.Core.Identity;
using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Sync.Mutations;
using Till.Server.Sync;
using RefundPayload = Till.Core.Sync.Mutations.OrderRefund;

namespace Till.Server.Orders;

internal sealed record SaleResult(Guid OrderId, string? Number, string Status, decimal GrandTotal, bool NeedsReview);

/// <summary>
/// Base of the selling mutation handlers: reads the shared <c>Till.Core.Sync.Mutations</c> payload,
/// runs the same domain service as the REST endpoint and turns its refusal into a permanent rejection.
/// </summary>
internal abstract class OrderMutation<TPayload> : ISyncMutationHandler where TPayload : class
{
    public abstract string Kind { get; }
    public abstract string? Permission { get; }

    public async Task<MutationOutcome> ApplyAsync(MutationContext context, CancellationToken ct)
    {
        var payload = context.Payload<TPayload>();
        try
        {
            return MutationOutcome.Applied(await ApplyAsync(context, payload, ct));
        }
        catch (OrderRefusedException e)
        {
            throw new MutationRejectedException(e.Error.Field is { } field ? $"{field}: {e.Error.Message}" : e.Error.Message);
        }
    }

    protected abstract Task<object?> ApplyAsync(MutationContext context, TPayload payload, CancellationToken ct);

    protected static void Require(bool condition, string message)
    {
        if (!condition) throw new MutationRejectedException(message);
    }

    public static SaleResult Result(Order order) => new(order.Id, order.Number, order.Status.ToString().ToLowerInvariant(), order.GrandTotal, order.NeedsReview);

    /// <summary>Each payment kind by its name on the wire (<c>e_wallet</c>), made once rather than for every payment pushed.</summary>
    private static readonly Dictionary<string, PaymentMethodKind> MethodKinds =
        Enum.GetValues<PaymentMethodKind>().ToDictionary(k => JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString()), StringComparer.Ordinal);

    /// <summary>A payment as the till booked it: cash counts what was handed over (the change came out of it).</summary>
    public static TenderInput Tender(OrderPaymentPayload p, int index)
    {
        if (p.Method is null || !MethodKinds.TryGetValue(p.Method, out var kind))
            throw new MutationRejectedException($"payments[{index}].method: '{p.Method}' is not cash, card, e_wallet, bank_transfer or custom.");
        Require(p.Amount > 0 && p.Tendered >= 0 && p.Amount <= PricingEngine.MaxAmount, $"payments[{index}]: the amount must be positive.");
        var code = p.MethodCode ?? kind switch
        {
            PaymentMethodKind.Cash => "CASH",
            PaymentMethodKind.Card => "CARD",
            PaymentMethodKind.EWallet => "EWALLET",
            PaymentMethodKind.BankTransfer => "TRANSFER",
            _ => throw new MutationRejectedException($"payments[{index}].method_code: a custom payment names its method code."),
        };
        return new TenderInput(code, kind == PaymentMethodKind.Cash ? Math.Max(p.Tendered, p.Amount) : p.Amount, p.Reference) { Kind = kind };
    }

    public static SaleLineInput Line(OrderLinePayload l, int index)
    {
        Require(l.LineId != Guid.Empty && l.ProductId != Guid.Empty, $"lines[{index}]: line_id and product_id are required.");
        Require(l.Quantity > 0 && l.Quantity <= PricingEngine.MaxQuantity, $"lines[{index}].quantity must be above zero.");
        Require(l.UnitPrice >= 0 && l.UnitPrice <= PricingEngine.MaxPrice && l.Discount >= 0, $"lines[{index}]: the price and discount cannot be negative.");
        return new SaleLineInput(l.ProductId, l.Quantity)
        {
            LineId = l.LineId, UnitPrice = l.UnitPrice, Name = l.Name, Note = l.Note,
            Discount = l.Discount > 0 ? Discount.Amount(l.Discount) : null,
        };
    }
}

/// <summary>
/// <c>order.complete</c>: a sale the till completed, possibly offline. It is a fact: accepted when well
/// formed and allowed, whatever the server's current prices, promotions or stock; differences are
/// flagged on the order. The id and number come from the till, so the same sale pushed twice is one
/// order. A till completing a tab it opened sends the tab's id.
/// </summary>
internal sealed class OrderCompleteMutation(Checkout checkout) : OrderMutation<OrderComplete>, IBatchMutationHandler
{
    public override string Kind => MutationKinds.OrderComplete;
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderComplete p, CancellationToken ct) =>
        Result(await checkout.SellAsync(Input(context, p), ct));

    /// <summary>A push's run of sales, booked set-based (<see cref="Checkout.SellManyAsync"/>).</summary>
    public async Task<IReadOnlyList<MutationOutcome>> ApplyManyAsync(IReadOnlyList<MutationContext> contexts, CancellationToken ct)
    {
        try
        {
            var orders = await checkout.SellManyAsync([.. contexts.Select(c => Input(c, c.Payload<OrderComplete>()))], ct);
            return [.. orders.Select(o => MutationOutcome.Applied(Result(o)))];
        }
        catch (OrderRefusedException e)
        {
            throw new MutationRejectedException(e.Error.Message);
        }
    }

    private static SaleInput Input(MutationContext context, OrderComplete p)
    {
        Require(p.OrderId != Guid.Empty && !string.IsNullOrWhiteSpace(p.Number), "An offline order needs its order_id and number.");
        Require(p.Lines is { Count: > 0 and <= PricingEngine.MaxLines }, "An order needs 1 to 1,000 lines.");
        Require(p.Payments is { Count: > 0 and <= 100 }, "A completed order needs its payments.");
        return new SaleInput(context.BranchId,
            [.. p.Lines.Select(Line)],
            [.. p.Payments.Where(x => x.Method != "loyalty_points").Select(Tender)])
        {
            OrderId = p.OrderId, DeviceId = context.Device.Id, Number = p.Number, SoldAt = p.CompletedAt == default ? null : p.CompletedAt,
            CustomerId = p.CustomerId, TableId = p.TableId, ShiftId = p.ShiftId, CashierId = p.CashierId,
            WarehouseId = p.WarehouseId == Guid.Empty ? null : p.WarehouseId, PointsToRedeem = Math.Max(0, p.LoyaltyPointsRedeemed),
            DeviceGrandTotal = p.GrandTotal, Offline = true, DevicePriced = true,
        };
    }
}

internal sealed class OrderRefundMutation(OrderReturns returns) : OrderMutation<RefundPayload>
{
    public override string Kind => MutationKinds.OrderRefund;
    public override string? Permission => Permissions.OrdersRefund;

    protected override async Task<object?> ApplyAsync(MutationContext context, RefundPayload p, CancellationToken ct)
    {
        Require(p.RefundId != Guid.Empty && p.OrderId != Guid.Empty, "A refund needs its refund_id and order_id.");
        Require(p.Lines is { Count: > 0 }, "A refund needs its lines.");
        var request = new RefundRequest
        {
            Id = p.RefundId, Reason = p.Reason,
            Lines = [.. p.Lines.Select(l => new RefundLineRequest { LineId = l.LineId, Quantity = l.Quantity })],
            Payments = p.Payments is { Count: > 0 } ? [.. p.Payments.Select(Tender).Select(t => new PaymentRequest { Method = t.Method, Amount = t.Amount, Reference = t.Reference })] : null,
        };
        var (refund, payments) = await returns.RefundAsync(p.OrderId, request, context.Device.Id, ct, restock: p.Restock);
        return OrderReturns.ToDto(refund, payments);
    }
}

internal sealed class OrderVoidMutation(OrderReturns returns) : OrderMutation<OrderVoid>
{
    public override string Kind => MutationKinds.OrderVoid;
    public override string? Permission => Permissions.OrdersVoid;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderVoid p, CancellationToken ct) =>
        Result(await returns.VoidAsync(p.OrderId, string.IsNullOrWhiteSpace(p.Reason) ? "Voided on the till" : p.Reason, context.Device.Id, ct));
}

internal sealed class TabOpenMutation(Checkout checkout) : OrderMutation<TabOpen>
{
    public override string Kind => MutationKinds.TabOpen;
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, TabOpen p, CancellationToken ct)
    {
        Require(p.OrderId != Guid.Empty, "A tab needs its order_id.");
        var order = await checkout.SellAsync(new SaleInput(context.BranchId, [], [])
        {
            OrderId = p.OrderId, DeviceId = context.Device.Id, TableId = p.TableId, CustomerId = p.CustomerId, Guests = p.Guests,
            SoldAt = p.OpenedAt == default ? null : p.OpenedAt, Open = true, Offline = true,
        }, ct);
        return Result(order);
    }
}

internal sealed class TabAddLineMutation(Tabs tabs) : OrderMutation<TabAddLine>
{
    public override string Kind => MutationKinds.TabAddLine;
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, TabAddLine p, CancellationToken ct)
    {
        var input = Line(new OrderLinePayload(p.LineId, p.ProductId, p.Name, p.Quantity, p.UnitPrice, 0m, 0m, 0m, p.Note), 0);
        var line = await tabs.AddLineAsync(p.OrderId, p.LineId, input, ct, offline: true);
        return new { line_id = line.Id };
    }
}

internal sealed class TabChangeQuantityMutation(Tabs tabs) : OrderMutation<TabChangeQuantity>
{
    public override string Kind => MutationKinds.TabChangeQuantity;
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, TabChangeQuantity p, CancellationToken ct)
    {
        Require(p.Quantity > 0 && p.Quantity <= PricingEngine.MaxQuantity, "The quantity must be above zero.");
        var line = await tabs.ChangeQuantityAsync(p.OrderId, p.LineId, p.Quantity, ct);
        return new { line_id = line.Id, quantity = line.Quantity };
    }
}

internal sealed class TabRemoveLineMutation(Tabs tabs) : OrderMutation<TabRemoveLine>
{
    public override string Kind => MutationKinds.TabRemoveLine;
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, TabRemoveLine p, CancellationToken ct)
    {
        await tabs.RemoveLineAsync(p.OrderId, p.LineId, ct);
        return new { line_id = p.LineId };
    }
}

internal sealed class TabMoveTableMutation(Tabs tabs) : OrderMutation<TabMoveTable>
{
    public override string Kind => MutationKinds.TabMoveTable;
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, TabMoveTable p, CancellationToken ct)
    {
        var order = await tabs.MoveTableAsync(p.OrderId, p.TableId, ct);
        return new { order_id = order.Id, table_id = order.TableId };
    }
}
