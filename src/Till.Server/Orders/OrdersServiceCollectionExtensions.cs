using Till.Server.Sync;

namespace Till.Server.Orders;

internal static class OrdersServiceCollectionExtensions
{
    /// <summary>Checkout, tabs, voids and refunds, and their sync mutation handlers.</summary>
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddScoped<Checkout>();
        services.AddSingleton<SaleReferenceCache>();
        services.AddSingleton<SaleCombiner>();
        services.AddSingleton<Events.IDomainEventSink>(sp => sp.GetRequiredService<SaleReferenceCache>());
        services.AddHostedService<ReferenceDataListener>();
        services.AddScoped<Tabs>();
        services.AddScoped<OrderReturns>();
        services.AddScoped<Shifts.ShiftBook>();
        services.AddScoped<Restaurant.Kitchen>();
        services.AddSyncMutation<OrderCompleteMutation>();
        services.AddSyncMutation<OrderRefundMutation>();
        services.AddSyncMutation<OrderVoidMutation>();
        services.AddSyncMutation<TabOpenMutation>();
        services.AddSyncMutation<TabAddLineMutation>();
        services.AddSyncMutation<TabChangeQuantityMutation>();
        services.AddSyncMutation<TabRemoveLineMutation>();
        services.AddSyncMutation<TabMoveTableMutation>();
        services.AddSyncMutation<Shifts.ShiftOpenMutation>();
        services.AddSyncMutation<Shifts.ShiftCloseMutation>();
        services.AddSyncMutation<Shifts.CashMoveMutation>();
        services.AddSyncMutation<Shifts.ExpenseAddMutation>();
        return services;
    }
}
