using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Orders;

/// <summary>Orders: the online checkout, tabs and their line operations, listing, voids and refunds.</summary>
internal static class OrdersApi
{
    private static readonly SortMap<Order> Sorts = new SortMap<Order>("-opened_at")
        .Add("opened_at", o => o.OpenedAt).Add("completed_at", o => o.CompletedAt).Add("number", o => o.Number).Add("grand_total", o => o.GrandTotal);

    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization(Permissions.OrdersView);

        group.MapGet("/", List);
        group.MapGet("/{id:guid}", async (Guid id, Checkout checkout, CancellationToken ct) =>
            await checkout.LoadAsync(id, ct) is { } order ? Results.Ok(OrderDto.From(order)) : Problems.NotFound("The order"));
        group.MapPost("/", Create).RequireAuthorization(Permissions.OrdersCreate).AddEndpointFilter<IdempotencyFilter>().WithSmallAnswer();
        group.MapPost("/{id:guid}/complete", async (Guid id, CompleteTabRequest request, TillDbContext db, Checkout checkout, CancellationToken ct) =>
            await Run(async () =>
            {
                await checkout.EnsureMaySellAsync(db.Tenant.DeviceId, ct);
                return Results.Ok(OrderDto.From(await checkout.CompleteTabAsync(id, [.. request.Payments!.Select(p => p.ToInput())], request.PointsToRedeem ?? 0, offline: false, ct)));
            }))
            .RequireAuthorization(Permissions.OrdersCreate).AddEndpointFilter<IdempotencyFilter>().WithSmallAnswer();

        group.MapPost("/{id:guid}/lines", async (Guid id, AddLineRequest request, Tabs tabs, Checkout checkout, CancellationToken ct) =>
            await Run(async () =>
            {
                await tabs.AddLineAsync(id, request.Id, request.Line!.ToInput(), ct);
                return Results.Ok(OrderDto.From((await checkout.LoadAsync(id, ct))!));
            })).RequireAuthorization(Permissions.OrdersCreate).WithSmallAnswer();
        group.MapPatch("/{id:guid}/lines/{lineId:guid}", async (Guid id, Guid lineId, ChangeQuantityRequest request, Tabs tabs, Checkout checkout, CancellationToken ct) =>
            await Run(async () =>
            {
                await tabs.ChangeQuantityAsync(id, lineId, request.Quantity!.Value, ct);
                return Results.Ok(OrderDto.From((await checkout.LoadAsync(id, ct))!));
            })).RequireAuthorization(Permissions.OrdersCreate).WithSmallAnswer();
        group.MapDelete("/{id:guid}/lines/{lineId:guid}", async (Guid id, Guid lineId, Tabs tabs, Checkout checkout, CancellationToken ct) =>
            await Run(async () =>
            {
                await tabs.RemoveLineAsync(id, lineId, ct);
                return Results.Ok(OrderDto.From((await checkout.LoadAsync(id, ct))!));
            })).RequireAuthorization(Permissions.OrdersCreate).WithSmallAnswer();
        group.MapPost("/{id:guid}/move", async (Guid id, MoveTableRequest request, Tabs tabs, Checkout checkout, CancellationToken ct) =>
            await Run(async () =>
            {
                await tabs.MoveTableAsync(id, request.TableId!.Value, ct);
                return Results.Ok(OrderDto.From((await checkout.LoadAsync(id, ct))!));
            })).RequireAuthorization(Permissions.TablesManage).WithSmallAnswer();

        group.MapPost("/{id:guid}/void", async (Guid id, VoidRequest request, TillDbContext db, OrderReturns returns, CancellationToken ct) =>
            await Run(async () => Results.Ok(OrderDto.From(await returns.VoidAsync(id, request.Reason!, db.Tenant.DeviceId, ct)))))
            .RequireAuthorization(Permissions.OrdersVoid).AddEndpointFilter<IdempotencyFilter>().WithSmallAnswer();
        group.MapPost("/{id:guid}/refunds", async (Guid id, RefundRequest request, TillDbContext db, OrderReturns returns, CancellationToken ct) =>
            await Run(async () =>
            {
                var (refund, payments) = await returns.RefundAsync(id, request, db.Tenant.DeviceId, ct);
                return TypedResults.Created($"/api/orders/{id}/refunds/{refund.Id}", OrderReturns.ToDto(refund, payments));
            })).RequireAuthorization(Permissions.OrdersRefund).AddEndpointFilter<IdempotencyFilter>().WithSmallAnswer();
        group.MapGet("/{id:guid}/refunds", async (Guid id, TillDbContext db, CancellationToken ct) =>
        {
            if (!await db.Orders.AnyAsync(o => o.Id == id, ct)) return Problems.NotFound("The order");
            var refunds = await db.OrderRefunds.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == id).OrderBy(r => r.RefundedAt).ToListAsync(ct);
            var payments = await db.OrderPayments.AsNoTracking().Where(p => p.OrderId == id && p.RefundId != null).ToListAsync(ct);
            return Results.Ok(refunds.Select(r => OrderReturns.ToDto(r, payments.Where(p => p.RefundId == r.Id))).ToList());
        });
        group.MapGet("/{id:guid}/receipt", OrderReceipts.Render);
        return group;
    }

    private static async Task<IResult> Create(OrderRequest request, TillDbContext db, Checkout checkout, CancellationToken ct)
    {
        var branchId = request.BranchId ?? db.Tenant.DeviceBranchId ?? db.Tenant.BranchId;
        if (branchId is null) return Problems.Validation("branch_id", "Name a branch: you are not signed in to one.");
        if (request.Number is not null || request.SoldAt is not null || request.Lines!.Any(l => l.UnitPrice is not null))
            return Problems.Validation("number", "Number, time of sale and line prices come from the server; only a till's offline sales (sync) bring them.");
        return await Run(async () =>
        {
            if (request.Open != true) await checkout.EnsureMaySellAsync(db.Tenant.DeviceId, ct);
            var order = await checkout.SellAsync(request.ToInput(branchId.Value, db.Tenant.DeviceId, offline: false), ct);
            return TypedResults.Created($"/api/orders/{order.Id}", OrderDto.From(order));
        });
    }

    private static async Task<IResult> List([AsParameters] PageQuery page, [AsParameters] OrderFilter filter, TillDbContext db, CancellationToken ct)
    {
        var query = db.Orders.AsNoTracking();
        if (filter.From is { } from) query = query.Where(o => o.OpenedAt >= from.ToUniversalTime());
        if (filter.To is { } to) query = query.Where(o => o.OpenedAt < to.ToUniversalTime());
        if (filter.BranchId is { } branch) query = query.Where(o => o.BranchId == branch);
        if (filter.CashierId is { } cashier) query = query.Where(o => o.CashierId == cashier);
        if (filter.CustomerId is { } customer) query = query.Where(o => o.CustomerId == customer);
        if (filter.ShiftId is { } shift) query = query.Where(o => o.ShiftId == shift);
        if (filter.TableId is { } table) query = query.Where(o => o.TableId == table);
        if (filter.Status is { } status) query = query.Where(o => o.Status == status);
        if (filter.NeedsReview is { } review) query = query.Where(o => o.NeedsReview == review);
        if (filter.PaymentMethod is { } method)
        {
            var code = method.Trim().ToUpperInvariant();
            query = query.Where(o => db.OrderPayments.Any(p => p.OrderId == o.Id && p.MethodCode == code && p.RefundId == null && p.Amount > 0));
        }
        if (page.SearchTerm is { } s) query = query.Where(o => o.Number != null && o.Number.Contains(s.ToUpperInvariant()));
        if (!Sorts.TryApply(query, page.Sort, out var sorted)) return Sorts.UnknownField(page.Sort);

        var result = await sorted.Include(o => o.Lines).Include(o => o.Payments).AsSplitQuery().ToPageAsync(page, ct);
        return Results.Ok(new PagedResponse<OrderDto>([.. result.Data.Select(OrderDto.From)], result.Meta));
    }

    /// <summary>Runs an order operation, turning a refusal into its problem answer.</summary>
    private static async Task<IResult> Run(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (OrderRefusedException e)
        {
            return e.Error.ToResult();
        }
    }
}
