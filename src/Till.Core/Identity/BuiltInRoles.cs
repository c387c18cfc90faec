namespace Till.Core.Identity;

using static Permissions;

/// <summary>The roles every tenant starts with. Their permissions cannot be edited.</summary>
public static class BuiltInRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Supervisor = "supervisor";
    public const string Cashier = "cashier";
    public const string Waiter = "waiter";

    /// <summary>Built-in role names with their permissions.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Definitions { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [Owner] = All,
            [Admin] = All,
            [Manager] =
            [
                OrdersView, OrdersCreate, OrdersRefund, OrdersVoid, DiscountsOverride,
                ProductsRead, ProductsWrite, StockView, StockAdjust, ShiftsOpen, ShiftsClose,
                CustomersView, CustomersWrite, PurchasesWrite, TablesManage, ReportsView,
                DevicesManage, AuditView, SyncManage,
            ],
            [Supervisor] =
            [
                OrdersView, OrdersCreate, OrdersRefund, OrdersVoid, DiscountsOverride,
                ProductsRead, StockView, StockAdjust, ShiftsOpen, ShiftsClose,
                CustomersView, CustomersWrite, TablesManage, ReportsView,
            ],
            [Cashier] =
            [
                OrdersView, OrdersCreate, ProductsRead, StockView, ShiftsOpen, ShiftsClose,
                CustomersView, CustomersWrite,
            ],
            [Waiter] = [OrdersView, OrdersCreate, ProductsRead, CustomersView, TablesManage],
        };

    /// <summary>True when <paramref name="name"/> is a built-in role.</summary>
    public static bool IsBuiltIn(string name) => Definitions.ContainsKey(name);
}
