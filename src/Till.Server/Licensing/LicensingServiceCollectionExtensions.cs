using Till.Server.Events;
using Till.Server.Messaging;

namespace Till.Server.Licensing;

internal static class LicensingServiceCollectionExtensions
{
    /// <summary>Licence signing, the sell guard, the daily expiry check and alert delivery (SMTP or log).</summary>
    public static IServiceCollection AddTillLicensing(this IServiceCollection services)
    {
        services.AddOptions<LicensingOptions>().BindConfiguration(LicensingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTillEmail();
        services.AddSingleton<LicenseSigningKey>();
        services.AddScoped<LicenseGuard>();
        services.AddScoped<LicenseExpiryCheck>();
        services.AddHostedService<LicenseExpiryMonitor>();

        services.AddSingleton<LicenseAlertMailer>();
        services.AddSingleton<IDomainEventSink>(sp => sp.GetRequiredService<LicenseAlertMailer>());
        services.AddHostedService(sp => sp.GetRequiredService<LicenseAlertMailer>());
        return services;
    }
}
