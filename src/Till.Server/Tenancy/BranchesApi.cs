using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Pricing;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Tenancy;

internal sealed record BranchDto(
    Guid Id, string Code, string Name, string? Address, string? Phone, string Timezone, string Currency, TaxMode TaxMode,
    string? ReceiptHeader, string? ReceiptFooter, bool IsActive, DateTime CreatedAt, DateTime UpdatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Branch, BranchDto>> Projection = b => new BranchDto(
        b.Id, b.Code, b.Name, b.Address, b.Phone, b.Timezone, b.Currency, b.TaxMode, b.ReceiptHeader, b.ReceiptFooter,
        b.IsActive, b.CreatedAt, b.UpdatedAt, b.Version);

    public static readonly Func<Branch, BranchDto> From = Projection.Compile();
}

internal sealed record BranchRequest : IValidatableObject
{
    [Required, StringLength(20, MinimumLength = 1), RegularExpression("^[A-Z0-9]+$", ErrorMessage = "Use upper-case letters and digits; the code goes into receipt numbers.")]
    public string? Code { get; init; }

    [Required, StringLength(200)]
    public string? Name { get; init; }

    [StringLength(500)] public string? Address { get; init; }
    [StringLength(50)] public string? Phone { get; init; }

    [Required, StringLength(64)]
    public string? Timezone { get; init; }

    [Required, StringLength(3, MinimumLength = 3)]
    public string? Currency { get; init; }

    [Required]
    public TaxMode? TaxMode { get; init; }

    [StringLength(1000)] public string? ReceiptHeader { get; init; }
    [StringLength(1000)] public string? ReceiptFooter { get; init; }
    public bool IsActive { get; init; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(Timezone, out _))
            yield return new ValidationResult($"'{Timezone}' is not a known time zone (use an IANA name such as Asia/Jakarta).", [nameof(Timezone)]);
        if (Currency is not null && !Till.Core.Money.Currency.IsKnown(Currency))
            yield return new ValidationResult($"'{Currency}' is not a supported ISO 4217 currency.", [nameof(Currency)]);
    }
}

internal static class BranchesApi
{
    private static readonly SortMap<Branch> Sorts = new SortMap<Branch>("code")
        .Add("code", b => b.Code).Add("name", b => b.Name).Add("created_at", b => b.CreatedAt);

    public static RouteGroupBuilder MapBranchesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/branches").WithTags("Tenancy").RequireAuthorization();

        group.MapGet("/", async Task<Results<Ok<PagedResponse<BranchDto>>, ValidationProblem>> ([AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Branches.AsNoTracking();
            if (page.SearchTerm is { } s)
            {
                var like = $"%{s.ToLowerInvariant()}%";
                query = query.Where(b => EF.Functions.Like(b.Name.ToLower(), like) || EF.Functions.Like(b.Code.ToLower(), like));
            }

            if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
            return TypedResults.Ok(await query.Select(BranchDto.Projection).ToPageAsync(page, ct));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<BranchDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Branches.Where(b => b.Id == id).Select(BranchDto.Projection).FirstOrDefaultAsync(ct) is { } b
                ? TypedResults.Ok(b) : TypedResults.NotFound());
        group.MapPost("/", Create).RequireAuthorization(Permissions.BranchesManage);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.BranchesManage);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.BranchesManage);
        return group;
    }

    public static Warehouse DefaultWarehouseFor(Branch branch) => new()
    {
        BranchId = branch.Id,
        Code = $"{branch.Code}-MAIN",
        Name = $"{branch.Name} store",
        Kind = WarehouseKind.Store,
        IsDefault = true,
    };

    private static async Task<Results<Created<BranchDto>, ProblemHttpResult>> Create(BranchRequest request, TillDbContext db, CancellationToken ct)
    {
        if (await db.Branches.AnyAsync(b => b.Code == request.Code, ct))
            return Problems.Conflict($"A branch with code '{request.Code}' already exists.", new Dictionary<string, object?> { ["field"] = "code" });
        var branch = new Branch { Code = request.Code!, Name = request.Name! };
        Apply(branch, request);
        db.Branches.Add(branch);
        // Every branch has at least one warehouse: sales take stock from it.
        db.Warehouses.Add(DefaultWarehouseFor(branch));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/branches/{branch.Id}", BranchDto.From(branch));
    }

    private static async Task<Results<Ok<BranchDto>, NotFound, ProblemHttpResult>> Update(Guid id, BranchRequest request, TillDbContext db, CancellationToken ct)
    {
        var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (branch is null) return TypedResults.NotFound();
        if (branch.Code != request.Code && await db.Branches.AnyAsync(b => b.Code == request.Code, ct))
            return Problems.Conflict($"A branch with code '{request.Code}' already exists.", new Dictionary<string, object?> { ["field"] = "code" });
        branch.Code = request.Code!;
        branch.Name = request.Name!;
        Apply(branch, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BranchDto.From(branch));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, TillDbContext db, CancellationToken ct)
    {
        var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (branch is null) return TypedResults.NotFound();
        if (await db.Devices.AnyAsync(d => d.BranchId == id, ct))
            return Problems.Conflict("The branch still has devices. Remove or move them first.");
        if (await db.Users.AnyAsync(u => u.BranchId == id, ct))
            return Problems.Conflict("Users are still scoped to this branch. Change their branch first.");
        db.Branches.Remove(branch);
        foreach (var w in await db.Warehouses.Where(w => w.BranchId == id).ToListAsync(ct)) db.Warehouses.Remove(w);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static void Apply(Branch branch, BranchRequest request)
    {
        branch.Address = request.Address;
        branch.Phone = request.Phone;
        branch.Timezone = request.Timezone!;
        branch.Currency = request.Currency!.ToUpperInvariant();
        branch.TaxMode = request.TaxMode!.Value;
        branch.ReceiptHeader = request.ReceiptHeader;
        branch.ReceiptFooter = request.ReceiptFooter;
        branch.IsActive = request.IsActive;
    }
}
