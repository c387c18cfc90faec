using Serilog;
using Serilog.Events;

namespace Till.Server.Hosting;

internal static class LoggingExtensions
{
    /// <summary>Structured logs to the console and to daily rolling files (Logging:Directory, default logs/).</summary>
    public static IHostApplicationBuilder AddTillLogging(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSerilog((services, logger) =>
        {
            // Read when the logger is built, so late configuration (tests, command line) applies.
            var config = services.GetRequiredService<IConfiguration>();
            var folder = config["Logging:Directory"] ?? Path.Combine(contentRoot, "logs");
            var fileEnabled = config.GetValue("Logging:FileEnabled", true);
            var retained = config.GetValue("Logging:RetainedFileCountLimit", 14);
            logger.ReadFrom.Configuration(config)
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .Enrich.FromLogContext()
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            if (fileEnabled)
            {
                logger.WriteTo.File(
                    new Serilog.Formatting.Compact.CompactJsonFormatter(),
                    Path.Combine(folder, "till-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: retained);
            }
        });
        return builder;
    }
}
