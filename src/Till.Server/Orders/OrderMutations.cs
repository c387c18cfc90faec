using System.ComponentModel.DataAnnotations;
using Till.Core.Identity;
using Till.Server.Sync;

namespace Till.Server.Orders;

/// <summary>Payloads of the tab and order mutations that name an existing order.</summary>
internal sealed record OrderRefPayload
{
    [Required] public Guid? OrderId { get; init; }
    public Guid? LineId { get; init; }
    public OrderLineRequest? Line { get; init; }
    [Range(typeof(decimal), "0.0001", "1000000")] public decimal? Quantity { get; init; }
    public Guid? TableId { get; init; }
    [StringLength(500)] public string? Reason { get; init; }
    [MaxLength(100)] public List<PaymentRequest>? Payments { get; init; }
    [Range(0, long.MaxValue)] public long? PointsToRedeem { get; init; }
}

internal sealed record RefundPayload
{
    [Required] public Guid? OrderId { get; init; }
    [Required] public RefundRequest? Refund { get; init; }
}

internal sealed record SaleResult(Guid OrderId, string? Number, string Status, decimal GrandTotal, bool NeedsReview);

/// <summary>
/// <c>order.complete</c>: a sale the till completed, possibly offline. It is a fact: accepted when well
/// formed and allowed, whatever the server's current prices or stock; differences are flagged on the
/// order. The id and number come from the till, so the same sale pushed twice is one order.
/// </summary>
internal sealed class OrderCompleteMutation(Checkout checkout) : OrderMutation<OrderRequest>
{
    public override string Kind => "order.complete";
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRequest payload, CancellationToken ct)
    {
        if (payload.Id is null || payload.Number is null) throw new MutationRejectedException("An offline order needs its id and number.");
        if (payload.Open == true) throw new MutationRejectedException("Open a tab with tab.open.");
        var order = await checkout.SellAsync(payload.ToInput(context.BranchId, context.Device.Id, offline: true), ct);
        return Result(order);
    }

    public static SaleResult Result(Order order) => new(order.Id, order.Number, order.Status.ToString().ToLowerInvariant(), order.GrandTotal, order.NeedsReview);
}

internal sealed class OrderRefundMutation(OrderReturns returns) : OrderMutation<RefundPayload>
{
    public override string Kind => "order.refund";
    public override string? Permission => Permissions.OrdersRefund;

    protected override async Task<object?> ApplyAsync(MutationContext context, RefundPayload payload, CancellationToken ct)
    {
        if (payload.Refund!.Id is null) throw new MutationRejectedException("An offline refund needs its id.");
        var (refund, payments) = await returns.RefundAsync(payload.OrderId!.Value, payload.Refund, context.Device.Id, ct);
        return OrderReturns.ToDto(refund, payments);
    }
}

internal sealed class OrderVoidMutation(OrderReturns returns) : OrderMutation<OrderRefPayload>
{
    public override string Kind => "order.void";
    public override string? Permission => Permissions.OrdersVoid;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRefPayload payload, CancellationToken ct) =>
        OrderCompleteMutation.Result(await returns.VoidAsync(payload.OrderId!.Value, payload.Reason ?? "Voided on the till", context.Device.Id, ct));
}

internal sealed class TabOpenMutation(Checkout checkout) : OrderMutation<OrderRequest>
{
    public override string Kind => "tab.open";
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRequest payload, CancellationToken ct)
    {
        if (payload.Id is null || payload.Number is null) throw new MutationRejectedException("A tab opened on a till needs its id and number.");
        var order = await checkout.SellAsync(payload.ToInput(context.BranchId, context.Device.Id, offline: true) with { Open = true }, ct);
        return OrderCompleteMutation.Result(order);
    }
}

internal sealed class TabAddLineMutation(Tabs tabs) : OrderMutation<OrderRefPayload>
{
    public override string Kind => "tab.add_line";
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRefPayload payload, CancellationToken ct)
    {
        if (payload.LineId is null || payload.Line is null) throw new MutationRejectedException("tab.add_line needs line_id and line.");
        var line = await tabs.AddLineAsync(payload.OrderId!.Value, payload.LineId, payload.Line.ToInput() with { UnitPrice = null, Name = null }, ct);
        return new { line_id = line.Id };
    }
}

internal sealed class TabChangeQuantityMutation(Tabs tabs) : OrderMutation<OrderRefPayload>
{
    public override string Kind => "tab.change_quantity";
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRefPayload payload, CancellationToken ct)
    {
        if (payload.LineId is null || payload.Quantity is null) throw new MutationRejectedException("tab.change_quantity needs line_id and quantity.");
        var line = await tabs.ChangeQuantityAsync(payload.OrderId!.Value, payload.LineId.Value, payload.Quantity.Value, ct);
        return new { line_id = line.Id, line.Quantity };
    }
}

internal sealed class TabRemoveLineMutation(Tabs tabs) : OrderMutation<OrderRefPayload>
{
    public override string Kind => "tab.remove_line";
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRefPayload payload, CancellationToken ct)
    {
        if (payload.LineId is null) throw new MutationRejectedException("tab.remove_line needs line_id.");
        await tabs.RemoveLineAsync(payload.OrderId!.Value, payload.LineId.Value, ct);
        return new { line_id = payload.LineId };
    }
}

internal sealed class TabMoveTableMutation(Tabs tabs) : OrderMutation<OrderRefPayload>
{
    public override string Kind => "tab.move_table";
    public override string? Permission => Permissions.TablesManage;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRefPayload payload, CancellationToken ct)
    {
        if (payload.TableId is null) throw new MutationRejectedException("tab.move_table needs table_id.");
        var order = await tabs.MoveTableAsync(payload.OrderId!.Value, payload.TableId.Value, ct);
        return new { order_id = order.Id, table_id = order.TableId };
    }
}

/// <summary><c>tab.close</c>: the till completed a tab with payments (a fact, like <c>order.complete</c>).</summary>
internal sealed class TabCloseMutation(Checkout checkout) : OrderMutation<OrderRefPayload>
{
    public override string Kind => "tab.close";
    public override string? Permission => Permissions.OrdersCreate;

    protected override async Task<object?> ApplyAsync(MutationContext context, OrderRefPayload payload, CancellationToken ct)
    {
        if (payload.Payments is not { Count: > 0 }) throw new MutationRejectedException("tab.close needs the payments.");
        var order = await checkout.CompleteTabAsync(payload.OrderId!.Value, [.. payload.Payments.Select(p => p.ToInput())], payload.PointsToRedeem ?? 0, offline: true, ct);
        return OrderCompleteMutation.Result(order);
    }
}
