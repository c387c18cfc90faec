namespace Till.Server.Inventory;

internal static class InventoryServiceCollectionExtensions
{
    /// <summary>The stock ledger every stock-moving feature posts through.</summary>
    public static IServiceCollection AddInventory(this IServiceCollection services) => services.AddScoped<StockLedger>();
}
