namespace Till.Server.Customers;

internal static class CustomersServiceCollectionExtensions
{
    /// <summary>The loyalty ledger orders and the customers API post points through.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services) => services.AddScoped<LoyaltyLedger>();
}
