using Till.Server.Sync;

namespace Till.Server.Customers;

internal static class CustomersServiceCollectionExtensions
{
    /// <summary>The loyalty ledger orders and the customers API post points through, and the till's customer edits.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services) => services
        .AddScoped<LoyaltyLedger>()
        .AddSyncMutation<CustomerUpsertHandler>();
}
