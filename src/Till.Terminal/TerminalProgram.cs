using System.Text.Json;
using System.Text.Json.Serialization;

namespace Till.Terminal;

/// <summary>The store app: serves the cashier's local REST API on localhost and syncs in the background.</summary>
public static class TerminalProgram
{
    public static async Task Main(string[] args)
    {
        var app = Build(args);
        await app.RunAsync();
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.Configure<TerminalOptions>(builder.Configuration.GetSection("Terminal"));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TerminalHost>();
        builder.Services.AddSingleton<CashierSessions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TerminalHost>());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapTerminalApi();
        return app;
    }
}
