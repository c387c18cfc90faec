using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Till.Core.Identity;

namespace Till.Server.Auth;

internal static class AuthServiceCollectionExtensions
{
    public const string SuperAdminPolicy = "super_admin";

    /// <summary>JWT bearer authentication, one policy per permission string, and the token service.</summary>
    public static IServiceCollection AddTillAuth(this IServiceCollection services)
    {
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JwtOptions>, JwtOptionsSetup>();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddSingleton<TokenService>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = TokenService.CreateValidationParameters(jwt.Value);
                bearer.TokenHandlers.Clear();
                bearer.TokenHandlers.Add(new CachingTokenHandler());
                bearer.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets: the hub takes the token from the query string.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            });

        var authorization = services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().RequireClaim(TillClaims.TenantId).Build())
            .AddPolicy(SuperAdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(TillClaims.SuperAdmin, "true"));
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }

        return services;
    }
}
