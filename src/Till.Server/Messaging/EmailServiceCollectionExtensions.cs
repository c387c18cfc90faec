using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Till.Server.Messaging;

internal static class EmailServiceCollectionExtensions
{
    /// <summary>Validated SMTP options and the mail sender; safe to call from several features.</summary>
    public static IServiceCollection AddTillEmail(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(EmailSender))) return services;
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EmailSender>();
        return services;
    }
}
