namespace Till.Core.Identity;

/// <summary>
/// The permission strings a role can grant. They travel in the access token and are checked by
/// the server's endpoints and, offline, by the terminal.
/// </summary>
public static class Permissions
{
    public const string OrdersView = "orders.view";
    public const string OrdersCreate = "orders.create";
    public const string OrdersRefund = "orders.refund";
    public const string OrdersVoid = "orders.void";
    public const string DiscountsOverride = "discounts.override";
    public const string ProductsRead = "products.read";
    public const string ProductsWrite = "products.write";
    public const string StockView = "stock.view";
    public const string StockAdjust = "stock.adjust";
    public const string ShiftsOpen = "shifts.open";
    public const string ShiftsClose = "shifts.close";
    public const string CustomersView = "customers.view";
    public const string CustomersWrite = "customers.write";
    public const string PurchasesWrite = "purchases.write";
    public const string TablesManage = "tables.manage";
    public const string ReportsView = "reports.view";
    public const string UsersManage = "users.manage";
    public const string BranchesManage = "branches.manage";
    public const string DevicesManage = "devices.manage";
    public const string SettingsWrite = "settings.write";
    public const string AuditView = "audit.view";
    public const string SyncManage = "sync.manage";
    public const string LicensesManage = "licenses.manage";

    /// <summary>Every permission a tenant role can hold, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        OrdersView, OrdersCreate, OrdersRefund, OrdersVoid, DiscountsOverride,
        ProductsRead, ProductsWrite, StockView, StockAdjust,
        ShiftsOpen, ShiftsClose, CustomersView, CustomersWrite, PurchasesWrite, TablesManage,
        ReportsView, UsersManage, BranchesManage, DevicesManage, SettingsWrite, AuditView,
        SyncManage, LicensesManage,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>True when <paramref name="permission"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string permission) => Known.Contains(permission);
}
