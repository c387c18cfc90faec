using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Till.Server.Data;
using Till.Server.Restaurant;

namespace Till.Server.Orders;

internal sealed record AddLineRequest
{
    /// <summary>Client-made line id: adding the same line twice adds it once.</summary>
    public Guid? Id { get; init; }
    [Required] public OrderLineRequest? Line { get; init; }
}

internal sealed record ChangeQuantityRequest
{
    [Required, Range(typeof(decimal), "0.0001", "1000000")] public decimal? Quantity { get; init; }
}

internal sealed record MoveTableRequest
{
    [Required] public Guid? TableId { get; init; }
}

/// <summary>
/// Line operations on open orders (tabs). Each operation writes only its own line row and bumps
/// the order with a set-based increment, so two waiters editing one tab at once both keep their
/// changes: nothing is ever written back as a whole document.
/// </summary>
internal sealed class Tabs(TillDbContext db, Checkout checkout, TimeProvider clock)
{
    public async Task<OrderLine> AddLineAsync(Guid orderId, Guid? lineId, SaleLineInput input, CancellationToken ct, bool offline = false)
    {
        if (lineId is { } known && await db.OrderLines.FirstOrDefaultAsync(l => l.Id == known, ct) is { } existing) return existing;
        return await InTabAsync(orderId, async order =>
        {
            if (input.Discount is not null && !db.Tenant.HasPermission(Till.Core.Identity.Permissions.DiscountsOverride))
                throw Checkout.Refuse(OrderError.Forbidden("Manual discounts need the 'discounts.override' permission."));
            var built = await checkout.BuildLinesAsync(order, [input], offline, [], ct);
            var line = built[0];
            if (lineId is { } id) line.Id = id;
            line.Position = await db.OrderLines.Where(l => l.OrderId == orderId).Select(l => (int?)l.Position).MaxAsync(ct) + 1 ?? 0;
            db.OrderLines.Add(line);
            return line;
        }, ct);
    }

    public Task<OrderLine> ChangeQuantityAsync(Guid orderId, Guid lineId, decimal quantity, CancellationToken ct) =>
        InTabAsync(orderId, async _ =>
        {
            var line = await db.OrderLines.FirstOrDefaultAsync(l => l.Id == lineId && l.OrderId == orderId, ct)
                ?? throw Checkout.Refuse(OrderError.NotFound("The line"));
            line.Quantity = quantity;
            return line;
        }, ct);

    public Task<OrderLine?> RemoveLineAsync(Guid orderId, Guid lineId, CancellationToken ct) =>
        InTabAsync<OrderLine?>(orderId, async _ =>
        {
            var line = await db.OrderLines.FirstOrDefaultAsync(l => l.Id == lineId && l.OrderId == orderId, ct);
            // Removing a line that is already gone is done.
            if (line is not null) db.OrderLines.Remove(line);
            return line;
        }, ct);

    /// <summary>Moves an open order to <paramref name="tableId"/> (null: off any table, e.g. to take away).</summary>
    public Task<Order> MoveTableAsync(Guid orderId, Guid? tableId, CancellationToken ct) =>
        InTabAsync(orderId, async order =>
        {
            var table = tableId is null ? null : await db.RestaurantTables.FirstOrDefaultAsync(t => t.Id == tableId && t.BranchId == order.BranchId, ct)
                ?? throw Checkout.Refuse(OrderError.Invalid("table_id", "No table with this id in the order's branch."));
            var tracked = await db.Orders.FirstAsync(o => o.Id == orderId, ct);
            var from = tracked.TableId;
            tracked.TableId = table?.Id;
            if (table is not null) table.Status = TableStatus.Occupied;
            if (from is { } old && old != table?.Id && !await db.Orders.AnyAsync(o => o.TableId == old && o.Status == OrderStatus.Open && o.Id != orderId, ct))
            {
                var oldTable = await db.RestaurantTables.FirstOrDefaultAsync(t => t.Id == old, ct);
                if (oldTable is not null) oldTable.Status = TableStatus.NeedsCleaning;
            }
            return tracked;
        }, ct, touch: false);

    /// <summary>Moves every line of <paramref name="sourceId"/> onto <paramref name="targetId"/> and voids the emptied source.</summary>
    public async Task<Order> MergeAsync(Guid targetId, Guid sourceId, CancellationToken ct)
    {
        if (targetId == sourceId) throw Checkout.Refuse(OrderError.Invalid("source_order_id", "An order cannot be merged into itself."));
        return await InTabAsync(targetId, async target =>
        {
            await RowLocks.ForUpdateAsync<Order>(db, sourceId, ct);
            var source = await db.Orders.FirstOrDefaultAsync(o => o.Id == sourceId && o.Status == OrderStatus.Open && o.BranchId == target.BranchId, ct)
                ?? throw Checkout.Refuse(OrderError.Invalid("source_order_id", "No open order with this id in the branch."));
            var next = await db.OrderLines.Where(l => l.OrderId == targetId).Select(l => (int?)l.Position).MaxAsync(ct) + 1 ?? 0;
            foreach (var line in await db.OrderLines.Where(l => l.OrderId == sourceId).OrderBy(l => l.Position).ToListAsync(ct))
            {
                line.OrderId = targetId;
                line.Position = next++;
            }
            source.Status = OrderStatus.Voided;
            source.VoidReason = $"Merged into {target.Number}";
            source.VoidedAt = clock.GetUtcNow().UtcDateTime;
            if (source.TableId is { } table && table != target.TableId && !await db.Orders.AnyAsync(o => o.TableId == table && o.Status == OrderStatus.Open && o.Id != sourceId, ct))
            {
                var row = await db.RestaurantTables.FirstOrDefaultAsync(t => t.Id == table, ct);
                if (row is not null) row.Status = TableStatus.NeedsCleaning;
            }
            return target;
        }, ct);
    }

    private async Task<T> InTabAsync<T>(Guid orderId, Func<Order, Task<T>> work, CancellationToken ct, bool touch = true)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await RowLocks.ForUpdateAsync<Order>(db, orderId, ct);
            var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw Checkout.Refuse(OrderError.NotFound("The order"));
            if (order.Status != OrderStatus.Open) throw Checkout.Refuse(OrderError.Conflict($"The order is {order.Status.ToString().ToLowerInvariant()}; only open tabs take line changes."));
            await Checkout.RefreshAsync(db, orderId, ct);
            var result = await work(order);
            if (touch)
            {
                // Bump the order without reading it back into the tracker: concurrent line edits never conflict on it.
                var now = clock.GetUtcNow().UtcDateTime;
                await db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, o => o.Version + 1).SetProperty(o => o.UpdatedAt, now), ct);
                await Sync.ChangeLogWriter.AppendAsync<Order>(db, orderId, order.BranchId, ct);
                await Checkout.RefreshAsync(db, orderId, ct);
            }
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            return result;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }
}
