using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Catalog;

internal sealed record CategoryDto(Guid Id, Guid? ParentId, string Name, int SortOrder, bool IsActive, long Version, DateTime UpdatedAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<Category, CategoryDto>> Projection = c =>
        new CategoryDto(c.Id, c.ParentId, c.Name, c.SortOrder, c.IsActive, c.Version, c.UpdatedAt);

    public static readonly Func<Category, CategoryDto> From = Projection.Compile();
}

internal sealed record CategoryRequest
{
    public Guid? ParentId { get; init; }
    [Required, StringLength(100, MinimumLength = 1), RegularExpression(@"^[\s\S]*\S[\s\S]*$", ErrorMessage = "The name cannot be blank.")]
    public string? Name { get; init; }

    [Range(0, 1_000_000)] public int SortOrder { get; init; }
    public bool IsActive { get; init; } = true;
}

internal static class CategoriesApi
{
    private static readonly SortMap<Category> Sorts = new SortMap<Category>("sort_order")
        .Add("sort_order", c => c.SortOrder).Add("name", c => c.Name).Add("created_at", c => c.CreatedAt);

    public static RouteGroupBuilder MapCategoriesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/categories").WithTags("Catalog").RequireAuthorization(Permissions.ProductsRead);

        group.MapGet("/", async Task<Results<Ok<PagedResponse<CategoryDto>>, ValidationProblem>> (
            [AsParameters] PageQuery page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "parent_id")] Guid? parentId, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Categories.AsNoTracking();
            if (parentId is { } p) query = query.Where(c => c.ParentId == p);
            if (page.SearchTerm is { } s) query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), $"%{s.ToLowerInvariant()}%"));
            if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
            return TypedResults.Ok(await ((IOrderedQueryable<Category>)query).ThenBy(c => c.Name).Select(CategoryDto.Projection).ToPageAsync(page, ct));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<CategoryDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Categories.Where(c => c.Id == id).Select(CategoryDto.Projection).FirstOrDefaultAsync(ct) is { } c
                ? TypedResults.Ok(c) : TypedResults.NotFound());
        group.MapPost("/", Create).RequireAuthorization(Permissions.ProductsWrite);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.ProductsWrite);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.ProductsWrite);
        return group;
    }

    private static async Task<Results<Created<CategoryDto>, ValidationProblem, ProblemHttpResult>> Create(CategoryRequest request, TillDbContext db, CancellationToken ct)
    {
        if (request.ParentId is { } parent && !await db.Categories.AnyAsync(c => c.Id == parent, ct))
            return Problems.Validation("parent_id", "No category with this id.");
        var name = request.Name!.Trim();
        if (await db.Categories.AnyAsync(c => c.ParentId == request.ParentId && c.Name == name, ct)) return NameTaken(name);

        var category = new Category { ParentId = request.ParentId, Name = name, SortOrder = request.SortOrder, IsActive = request.IsActive };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/categories/{category.Id}", CategoryDto.From(category));
    }

    private static async Task<Results<Ok<CategoryDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, CategoryRequest request, TillDbContext db, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return TypedResults.NotFound();
        if (request.ParentId is { } parent)
        {
            // Walk up from the new parent: meeting this category means the move would make a loop.
            var parents = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
            if (!parents.ContainsKey(parent)) return Problems.Validation("parent_id", "No category with this id.");
            for (Guid? at = parent; at is { } node; at = parents.GetValueOrDefault(node))
            {
                if (node == id) return Problems.Validation("parent_id", "A category cannot be moved under itself or one of its sub-categories.");
            }
        }

        var name = request.Name!.Trim();
        if ((category.Name != name || category.ParentId != request.ParentId)
            && await db.Categories.AnyAsync(c => c.Id != id && c.ParentId == request.ParentId && c.Name == name, ct)) return NameTaken(name);

        category.ParentId = request.ParentId;
        category.Name = name;
        category.SortOrder = request.SortOrder;
        category.IsActive = request.IsActive;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CategoryDto.From(category));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, TillDbContext db, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return TypedResults.NotFound();
        var children = await db.Categories.CountAsync(c => c.ParentId == id, ct);
        if (children > 0)
            return Problems.Conflict($"The category still has {children} sub-categor{(children == 1 ? "y" : "ies")}. Move or delete them first.",
                new Dictionary<string, object?> { ["reason"] = "has_children", ["count"] = children });
        var products = await db.Products.CountAsync(p => p.CategoryId == id, ct);
        if (products > 0)
            return Problems.Conflict($"The category still has {products} product(s). Move them to another category first.",
                new Dictionary<string, object?> { ["reason"] = "has_products", ["count"] = products });

        db.Categories.Remove(category);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NameTaken(string name) =>
        Problems.Conflict($"A category named '{name}' already exists at this level.", new Dictionary<string, object?> { ["field"] = "name" });
}
