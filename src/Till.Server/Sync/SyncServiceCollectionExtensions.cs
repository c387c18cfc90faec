namespace Till.Server.Sync;

internal static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddTillSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PushProcessor>();
        services.AddScoped<ChangeFeed>();
        services.AddSingleton<ChangeLogCompactor>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeLogCompactor>());
        return services;
    }

    /// <summary>Registers the handler of one mutation kind (e.g. <c>order.complete</c>).</summary>
    public static IServiceCollection AddSyncMutation<THandler>(this IServiceCollection services)
        where THandler : class, ISyncMutationHandler
    {
        services.AddScoped<ISyncMutationHandler, THandler>();
        return services;
    }
}
