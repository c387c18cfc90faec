using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Purchasing;

internal sealed record SupplierDto(
    Guid Id, string Code, string Name, string? ContactName, string? Phone, string? Email, string? Address, string? Notes, bool IsActive,
    long Version, DateTime UpdatedAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<Supplier, SupplierDto>> Projection = s =>
        new SupplierDto(s.Id, s.Code, s.Name, s.ContactName, s.Phone, s.Email, s.Address, s.Notes, s.IsActive, s.Version, s.UpdatedAt);

    public static readonly Func<Supplier, SupplierDto> From = Projection.Compile();
}

internal sealed record SupplierRequest
{
    [Required, StringLength(32, MinimumLength = 1), RegularExpression(@"^\S(.*\S)?$", ErrorMessage = "The code cannot be blank or start or end with spaces.")]
    public string? Code { get; init; }

    [Required, StringLength(200, MinimumLength = 1), RegularExpression(@"^[\s\S]*\S[\s\S]*$", ErrorMessage = "The name cannot be blank.")]
    public string? Name { get; init; }
    [StringLength(200)] public string? ContactName { get; init; }
    [StringLength(32)] public string? Phone { get; init; }
    [StringLength(200), EmailAddress] public string? Email { get; init; }
    [StringLength(500)] public string? Address { get; init; }
    [StringLength(1000)] public string? Notes { get; init; }
    public bool IsActive { get; init; } = true;
}

internal static class SuppliersApi
{
    private static readonly SortMap<Supplier> Sorts = new SortMap<Supplier>("name")
        .Add("name", s => s.Name).Add("code", s => s.Code).Add("created_at", s => s.CreatedAt);

    public static RouteGroupBuilder MapSuppliersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/suppliers").WithTags("Purchasing").RequireAuthorization(Permissions.StockView);

        group.MapGet("/", async Task<Results<Ok<PagedResponse<SupplierDto>>, ValidationProblem>> ([AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Suppliers.AsNoTracking();
            if (page.SearchTerm is { } term)
            {
                var like = $"%{term.ToLowerInvariant()}%";
                query = query.Where(s => EF.Functions.Like(s.Name.ToLower(), like) || EF.Functions.Like(s.Code.ToLower(), like)
                    || (s.Phone != null && EF.Functions.Like(s.Phone, like)) || (s.Email != null && EF.Functions.Like(s.Email.ToLower(), like)));
            }

            if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
            return TypedResults.Ok(await query.Select(SupplierDto.Projection).ToPageAsync(page, ct));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<SupplierDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Suppliers.Where(s => s.Id == id).Select(SupplierDto.Projection).FirstOrDefaultAsync(ct) is { } s
                ? TypedResults.Ok(s) : TypedResults.NotFound());
        group.MapPost("/", Create).RequireAuthorization(Permissions.PurchasesWrite);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.PurchasesWrite);
        group.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
        {
            var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == id, ct);
            if (supplier is null) return TypedResults.NotFound();
            // A tombstone: past purchases keep pointing at it.
            db.Suppliers.Remove(supplier);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.PurchasesWrite);
        return group;
    }

    private static async Task<Results<Created<SupplierDto>, ProblemHttpResult>> Create(SupplierRequest request, TillDbContext db, CancellationToken ct)
    {
        var code = request.Code!.Trim();
        if (await db.Suppliers.AnyAsync(s => s.Code == code, ct)) return CodeTaken(code);
        var supplier = new Supplier { Code = code, Name = request.Name!.Trim() };
        Apply(supplier, request);
        db.Suppliers.Add(supplier);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/suppliers/{supplier.Id}", SupplierDto.From(supplier));
    }

    private static async Task<Results<Ok<SupplierDto>, NotFound, ProblemHttpResult>> Update(Guid id, SupplierRequest request, TillDbContext db, CancellationToken ct)
    {
        var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (supplier is null) return TypedResults.NotFound();
        var code = request.Code!.Trim();
        if (code != supplier.Code && await db.Suppliers.AnyAsync(s => s.Code == code, ct)) return CodeTaken(code);
        supplier.Code = code;
        supplier.Name = request.Name!.Trim();
        Apply(supplier, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SupplierDto.From(supplier));
    }

    private static void Apply(Supplier supplier, SupplierRequest request)
    {
        supplier.ContactName = request.ContactName?.Trim();
        supplier.Phone = request.Phone?.Trim();
        supplier.Email = request.Email?.Trim().ToLowerInvariant();
        supplier.Address = request.Address?.Trim();
        supplier.Notes = request.Notes?.Trim();
        supplier.IsActive = request.IsActive;
    }

    private static ProblemHttpResult CodeTaken(string code) =>
        Problems.Conflict($"The supplier code '{code}' is already used.", new Dictionary<string, object?> { ["field"] = "code", ["value"] = code });
}
