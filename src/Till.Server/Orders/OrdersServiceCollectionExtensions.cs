namespace Till.Server.Orders;

internal static class OrdersServiceCollectionExtensions
{
    /// <summary>Checkout, tabs, voids and refunds, and their sync mutation handlers.</summary>
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddScoped<Checkout>();
        services.AddScoped<Tabs>();
        services.AddScoped<OrderReturns>();
        services.AddScoped<Shifts.ShiftBook>();
        services.AddScoped<Restaurant.Kitchen>();
        return services;
    }
}
