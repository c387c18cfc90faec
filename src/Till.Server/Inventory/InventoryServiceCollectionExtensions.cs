using Till.Server.Sync;

namespace Till.Server.Inventory;

internal static class InventoryServiceCollectionExtensions
{
    /// <summary>The stock ledger every stock-moving feature posts through and the till's stock intents.</summary>
    public static IServiceCollection AddInventory(this IServiceCollection services) => services
        .AddScoped<StockLedger>()
        .AddSyncMutation<StockAdjustHandler>()
        .AddSyncMutation<StockCountHandler>();
}
