using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Auth;
using Till.Server.Data;

namespace Till.Server.Tenancy;

internal sealed record TenantDto(Guid Id, string Code, string Name, bool IsActive, DateTime CreatedAt);

internal sealed record UpdateTenantRequest
{
    [Required, StringLength(200)] public string? Name { get; init; }
}

internal sealed record CreateTenantRequest
{
    [Required, StringLength(50, MinimumLength = 2), RegularExpression("^[a-z0-9-]+$", ErrorMessage = "Use lower-case letters, digits and '-'.")]
    public string? Code { get; init; }

    [Required, StringLength(200)] public string? Name { get; init; }

    [Required, StringLength(64)] public string? OwnerUsername { get; init; }

    [Required, StringLength(200, MinimumLength = 8)] public string? OwnerPassword { get; init; }

    [Required, StringLength(200)] public string? OwnerFullName { get; init; }

    [Required, StringLength(20), RegularExpression("^[A-Z0-9]+$")] public string? BranchCode { get; init; }

    [Required, StringLength(200)] public string? BranchName { get; init; }

    [Required, StringLength(3, MinimumLength = 3)] public string? Currency { get; init; }

    [StringLength(64)] public string? Timezone { get; init; }
}

internal static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApi(this IEndpointRouteBuilder routes)
    {
        // The caller's own tenant.
        var own = routes.MapGroup("/api/tenant").WithTags("Tenancy").RequireAuthorization();
        own.MapGet("/", async Task<Results<Ok<TenantDto>, NotFound>> (TillDbContext db, CancellationToken ct) =>
            await db.Tenants.Where(t => t.Id == db.Tenant.TenantId).Select(t => new TenantDto(t.Id, t.Code, t.Name, t.IsActive, t.CreatedAt)).FirstOrDefaultAsync(ct) is { } t
                ? TypedResults.Ok(t) : TypedResults.NotFound());
        own.MapPut("/", async Task<Results<Ok<TenantDto>, NotFound>> (UpdateTenantRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == db.Tenant.TenantId, ct);
            if (tenant is null) return TypedResults.NotFound();
            tenant.Name = request.Name!;
            tenant.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new TenantDto(tenant.Id, tenant.Code, tenant.Name, tenant.IsActive, tenant.CreatedAt));
        }).RequireAuthorization(Permissions.SettingsWrite);

        // The platform's view: super-admins create and list tenants.
        var platform = routes.MapGroup("/api/tenants").WithTags("Platform").RequireAuthorization(AuthServiceCollectionExtensions.SuperAdminPolicy);
        platform.MapGet("/", async ([AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Tenants.AsNoTracking().Where(t => !t.IsPlatform);
            if (page.SearchTerm is { } s) query = query.Where(t => t.Code.Contains(s.ToLower()) || t.Name.ToLower().Contains(s.ToLower()));
            return TypedResults.Ok(await query.OrderBy(t => t.Code).Select(t => new TenantDto(t.Id, t.Code, t.Name, t.IsActive, t.CreatedAt)).ToPageAsync(page, ct));
        });
        platform.MapPost("/", async Task<Results<Created<TenantDto>, ValidationProblem, ProblemHttpResult>> (
            CreateTenantRequest request, TenantProvisioner provisioner, CancellationToken ct) =>
        {
            if (!Till.Core.Money.Currency.IsKnown(request.Currency)) return Problems.Validation("currency", $"'{request.Currency}' is not a supported currency.");
            if (await provisioner.CodeTakenAsync(request.Code!, ct))
                return Problems.Conflict($"A tenant with code '{request.Code}' already exists.", new Dictionary<string, object?> { ["field"] = "code" });
            var created = await provisioner.CreateAsync(new NewTenant(
                request.Code!, request.Name!, request.OwnerUsername!, request.OwnerPassword!, request.OwnerFullName!,
                request.BranchCode!, request.BranchName!, request.Currency!.ToUpperInvariant(), request.Timezone ?? "UTC"), ct);
            return TypedResults.Created($"/api/tenants/{created.TenantId}", new TenantDto(created.TenantId, request.Code!, request.Name!, true, DateTime.UtcNow));
        });
        return own;
    }
}
