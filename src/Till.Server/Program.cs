using Scalar.AspNetCore;
using Till.Server.Activities;
using Till.Server.Api;
using Till.Server.Audit;
using Till.Server.Auth;
using Till.Server.Catalog;
using Till.Server.Customers;
using Till.Server.Data;
using Till.Server.Hosting;
using Till.Server.Inventory;
using Till.Server.Licensing;
using Till.Server.Orders;
using Till.Server.Promotions;
using Till.Server.Purchasing;
using Till.Server.Realtime;
using Till.Server.Restaurant;
using Till.Server.Shifts;
using Till.Server.Sync;
using Till.Server.Tenancy;

var builder = WebApplication.CreateBuilder(args);

// Options, logs, clock.
builder.Services.AddOptions<TillOptions>().BindConfiguration(TillOptions.Section).ValidateOnStart();
builder.AddTillLogging();
builder.Services.AddSingleton(TimeProvider.System);

// Data: TillDbContext on SQLite (default) or PostgreSQL, migrations, demo data.
builder.AddTillData();

// HTTP conventions: snake_case JSON, problem details, compression, CORS, OpenAPI.
builder.Services.AddTillApi();
builder.Services.AddRequestDecompression();

// Identity: JWT bearer, a policy per permission, rate limits.
builder.Services.AddTillAuth();
builder.Services.AddTillRateLimiting();

// Features.
builder.Services.AddScoped<TenantContext>();
builder.Services.AddScoped<TenantProvisioner>();
builder.Services.AddTillLicensing();

// Sync: change log, push/pull/snapshot, conflicts; real-time hub (Redis backplane when configured).
builder.Services.AddTillSync();
builder.Services.AddTillRealtime(builder.Configuration);
builder.Services.AddCatalog();
builder.Services.AddInventory();
builder.Services.AddCustomers();
// Selling: checkout, tabs, voids, refunds (REST and sync handlers).
builder.Services.AddOrders();

builder.Services.AddTillHealthChecks();

var app = builder.Build();

// `dotnet run -- migrate` applies migrations and exits.
if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await app.MigrateDatabaseAsync();
    return;
}

await app.InitializeDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseResponseCompression();
app.UseRequestDecompression();
app.UseCors();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/docs", o => o.WithTitle("Till API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
app.MapTillHealthChecks();

var api = app.MapGroup("").AddEndpointFilter<ValidationFilter>();
api.MapAuthApi();
api.MapUsersApi();
api.MapRolesApi();
api.MapTenantsApi();
api.MapBranchesApi();
api.MapWarehousesApi();
api.MapDevicesApi();
api.MapAuditApi();
api.MapActivitiesApi();
api.MapSyncApi();
app.MapHub<PosHub>("/hubs/pos");
api.MapLicenseApi();
api.MapCatalogApi();
api.MapProductStockApi();
api.MapInventoryApi();
api.MapCustomersApi();
api.MapSuppliersApi();
api.MapPurchasesApi();
api.MapOrdersApi();
api.MapPaymentMethodsApi();
api.MapPromotionsApi();
api.MapShiftsApi();
api.MapRestaurantApi();

app.LogStartupBanner();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
