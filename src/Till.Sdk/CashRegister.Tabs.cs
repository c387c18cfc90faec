using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;

namespace Till.Sdk;

/// <summary>
/// Tabs (open orders, usually at a table): opened, edited line by line and moved between tables
/// while the guests are seated, then paid as a sale. Every step works offline: it changes the local
/// open order and queues its <c>tab.*</c> mutation in one SQLite transaction, and the server
/// replays the steps in order. The tab gets its receipt number when it is paid.
/// </summary>
public sealed partial class CashRegister
{
    private static readonly IReadOnlyDictionary<Guid, decimal> NothingRefunded = new Dictionary<Guid, decimal>();

    /// <summary>Opens a tab (<c>tab.open</c>), at a table or none (take-away).</summary>
    public TabOpen OpenTab(Guid? tableId, int? guests = null, Guid? customerId = null, Guid? cashierId = null, string orderType = "dine_in")
    {
        if (guests is < 0) throw new SaleRefusedException("Guests cannot be negative.");
        var device = Device;
        var tab = new TabOpen(RowId.New(), orderType, tableId, customerId, guests, Now);
        store.Write(tx =>
        {
            var shiftId = OpenShiftId(tx);
            var order = new OrderComplete(tab.OrderId, "", shiftId, cashierId, customerId, device.WarehouseId, orderType, tableId, device.Currency,
                [], [], 0m, 0m, 0m, 0m, 0m, 0, 0, tab.OpenedAt);
            SaveOrder(tx, tab.OrderId, null, shiftId, "open", order, NothingRefunded);
            LocalStore.Enqueue(tx, MutationKinds.TabOpen, tab, tab.OpenedAt);
            return 0;
        });
        return tab;
    }

    /// <summary>Adds a line to an open tab (<c>tab.add_line</c>) at the local catalogue price.</summary>
    public TabAddLine AddTabLine(Guid orderId, Guid productId, decimal quantity, string? note = null)
    {
        if (quantity <= 0) throw new SaleRefusedException("The quantity must be positive.");
        var product = store.GetProduct(productId) ?? throw new SaleRefusedException($"Product {productId} is not in this terminal's catalogue.");
        var add = new TabAddLine(orderId, RowId.New(), product.Id, product.Name, quantity, product.Price, note);
        return EditTab(orderId, MutationKinds.TabAddLine, add, order => order with
        {
            Lines = [.. order.Lines, new OrderLinePayload(add.LineId, product.Id, product.Name, quantity, product.Price, 0m, 0m, 0m, note)],
        });
    }

    /// <summary>Sets the quantity of a line of an open tab (<c>tab.change_quantity</c>).</summary>
    public TabChangeQuantity ChangeTabQuantity(Guid orderId, Guid lineId, decimal quantity)
    {
        if (quantity <= 0) throw new SaleRefusedException("The quantity must be positive; remove the line instead.");
        var change = new TabChangeQuantity(orderId, lineId, quantity);
        return EditTab(orderId, MutationKinds.TabChangeQuantity, change, order => order with
        {
            Lines = [.. order.Lines.Select(l => l.LineId == lineId ? l with { Quantity = quantity } : l)],
        }, lineId);
    }

    /// <summary>Removes a line from an open tab (<c>tab.remove_line</c>).</summary>
    public TabRemoveLine RemoveTabLine(Guid orderId, Guid lineId)
    {
        var remove = new TabRemoveLine(orderId, lineId);
        return EditTab(orderId, MutationKinds.TabRemoveLine, remove, order => order with { Lines = [.. order.Lines.Where(l => l.LineId != lineId)] }, lineId);
    }

    /// <summary>Moves an open tab to another table, or off any table (<c>tab.move_table</c>).</summary>
    public TabMoveTable MoveTab(Guid orderId, Guid? tableId)
    {
        var move = new TabMoveTable(orderId, tableId);
        return EditTab(orderId, MutationKinds.TabMoveTable, move, order => order with { TableId = tableId });
    }

    /// <summary>Pays an open tab: prices its lines now and completes it as a sale (<c>order.complete</c> with the tab's id and line ids).</summary>
    public OrderComplete PayTab(Guid orderId, IReadOnlyList<Tender> tenders, Guid? cashierId = null, Discount? orderDiscount = null)
    {
        var tab = GetOrder(orderId) ?? throw new SaleRefusedException("The tab is not on this terminal.");
        if (tab.Status != "open") throw new SaleRefusedException($"This order is already {tab.Status}.");
        if (tab.Order.Lines.Count == 0) throw new SaleRefusedException("The tab has no lines.");
        return CompleteSale(new SaleRequest([.. tab.Order.Lines.Select(l => new SaleLine(l.ProductId, l.Quantity, l.Note, l.LineId))], tenders)
        {
            OrderId = orderId,
            TableId = tab.Order.TableId,
            CustomerId = tab.Order.CustomerId,
            CashierId = cashierId ?? tab.Order.CashierId,
            OrderType = tab.Order.OrderType,
            OrderDiscount = orderDiscount,
        });
    }

    /// <summary>The tabs still open on this terminal, oldest first.</summary>
    public IReadOnlyList<LocalOrder> GetOpenTabs() => [.. GetOrders().Where(o => o.Status == "open").OrderBy(o => o.Order.CompletedAt)];

    private T EditTab<T>(Guid orderId, string kind, T mutation, Func<OrderComplete, OrderComplete> edit, Guid? lineId = null) where T : notnull => store.Write(tx =>
    {
        var tab = ReadOrder(tx.Connection!, tx, orderId) ?? throw new SaleRefusedException("The tab is not on this terminal.");
        if (tab.Status != "open") throw new SaleRefusedException($"This order is {tab.Status}; only open tabs take changes.");
        if (lineId is { } id && tab.Order.Lines.All(l => l.LineId != id)) throw new SaleRefusedException("No such line on this tab.");
        SaveOrder(tx, orderId, null, tab.ShiftId, "open", edit(tab.Order), NothingRefunded);
        LocalStore.Enqueue(tx, kind, mutation, Now);
        return mutation;
    });
}
