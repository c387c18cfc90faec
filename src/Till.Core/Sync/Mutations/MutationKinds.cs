namespace Till.Core.Sync.Mutations;

/// <summary>The business intents a device pushes; each kind's payload is the record of the same name in this namespace.</summary>
public static class MutationKinds
{
    public const string OrderComplete = "order.complete";
    public const string OrderRefund = "order.refund";
    public const string OrderVoid = "order.void";
    public const string TabOpen = "tab.open";
    public const string TabAddLine = "tab.add_line";
    public const string TabChangeQuantity = "tab.change_quantity";
    public const string TabRemoveLine = "tab.remove_line";
    public const string TabMoveTable = "tab.move_table";
    public const string ShiftOpen = "shift.open";
    public const string ShiftClose = "shift.close";
    public const string CashMove = "cash.move";
    public const string ExpenseAdd = "expense.add";
    public const string CustomerUpsert = "customer.upsert";
    public const string ProductUpsert = "product.upsert";
    public const string StockAdjust = "stock.adjust";
    public const string StockCount = "stock.count";
}
