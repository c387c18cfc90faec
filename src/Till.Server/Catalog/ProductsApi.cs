using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Catalog;

/// <summary>Product reads: the list (offset or keyset paging), one product, and barcode lookup.</summary>
internal static class ProductsApi
{
    private static readonly SortMap<Product> Sorts = new SortMap<Product>("name")
        .Add("name", p => p.Name).Add("sku", p => p.Sku).Add("price", p => p.Price).Add("cost", p => p.Cost)
        .Add("created_at", p => p.CreatedAt).Add("updated_at", p => p.UpdatedAt);

    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/products").WithTags("Catalog").RequireAuthorization(Permissions.ProductsRead);

        group.MapGet("/", List);
        group.MapGet("/{id:guid}", async Task<Results<Ok<ProductDto>, NotFound, ValidationProblem>> (
            Guid id, [FromQuery(Name = "branch_id")] Guid? branchId, TillDbContext db, CancellationToken ct) =>
        {
            if (await ResolveBranchAsync(db, branchId, ct) is not { } branch) return Problems.Validation("branch_id", "No branch with this id.");
            var found = await ProductView.Query(db, db.Products.Where(p => p.Id == id), branch.Id).FirstOrDefaultAsync(ct);
            return found is null ? TypedResults.NotFound() : TypedResults.Ok(found.ToDto(branch.Id));
        });
        group.MapGet("/barcode/{code}", async Task<Results<Ok<ProductDto>, NotFound, ValidationProblem>> (
            string code, [FromQuery(Name = "branch_id")] Guid? branchId, TillDbContext db, CancellationToken ct) =>
        {
            if (Barcode.Problem(code) is { } problem) return Problems.Validation("code", problem);
            if (await ResolveBranchAsync(db, branchId, ct) is not { } branch) return Problems.Validation("branch_id", "No branch with this id.");
            var ids = db.ProductBarcodes.Where(b => b.Code == code).Select(b => b.ProductId);
            var found = await ProductView.Query(db, db.Products.Where(p => ids.Contains(p.Id)), branch.Id).FirstOrDefaultAsync(ct);
            return found is null ? TypedResults.NotFound() : TypedResults.Ok(found.ToDto(branch.Id));
        });

        ProductEditor.Map(group);
        ProductCsvApi.Map(group);
        return group;
    }

    private static async Task<Results<Ok<PagedResponse<ProductDto>>, Ok<KeysetResponse<ProductDto>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, [AsParameters] ProductFilter filter, TillDbContext db, CancellationToken ct)
    {
        if (await ResolveBranchAsync(db, filter.BranchId, ct) is not { } branch) return Problems.Validation("branch_id", "No branch with this id.");
        var branchId = branch.Id;
        var query = db.Products.AsNoTracking();

        if (page.SearchTerm is { } s)
        {
            var like = $"%{s.ToLowerInvariant()}%";
            query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), like) || EF.Functions.Like(p.Sku.ToLower(), like)
                || db.ProductBarcodes.Any(b => b.ProductId == p.Id && b.Code == s));
        }

        if (filter.CategoryId is { } categoryId)
        {
            var ids = await CategoryAndDescendantsAsync(db, categoryId, ct);
            query = query.Where(p => p.CategoryId != null && ids.Contains(p.CategoryId.Value));
        }

        if (filter.Active is { } active) query = query.Where(p => p.IsActive == active);
        if (filter.Available is { } available)
        {
            var hidden = db.ProductBranches.Where(o => o.BranchId == branchId && !o.IsAvailable).Select(o => o.ProductId);
            query = available ? query.Where(p => !hidden.Contains(p.Id)) : query.Where(p => hidden.Contains(p.Id));
        }

        if (filter.Keyset == true || filter.After is not null)
        {
            // Keyset paging for big catalogues: ordered by SKU, the cursor is the last SKU seen.
            if (filter.After is { } after) query = query.Where(p => string.Compare(p.Sku, after) > 0);
            var keyset = await ProductView.Query(db, query.OrderBy(p => p.Sku).Take(page.Size), branchId)
                .ToListAsync(ct);
            var data = keyset.Select(r => r.ToDto(branchId)).ToList();
            var next = data.Count == page.Size ? data[^1].Sku : null;
            return TypedResults.Ok(new KeysetResponse<ProductDto>(data, new KeysetMeta(page.Size, next)));
        }

        if (!Sorts.TryApply(query, page.Sort, out var sorted)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
        var total = await query.CountAsync(ct);
        var rows = await ProductView.Query(db, ((IOrderedQueryable<Product>)sorted).ThenBy(p => p.Id).Skip((page.PageNumber - 1) * page.Size).Take(page.Size), branchId)
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedResponse<ProductDto>([.. rows.Select(r => r.ToDto(branchId))], new PageMeta(page.PageNumber, page.Size, total)));
    }

    /// <summary>The branch named in the query, else the caller's own; an unknown id yields null.</summary>
    internal static async Task<BranchRef?> ResolveBranchAsync(TillDbContext db, Guid? requested, CancellationToken ct)
    {
        var id = requested ?? db.Tenant.BranchId;
        if (id is null) return new BranchRef(null);
        return await db.Branches.AnyAsync(b => b.Id == id, ct) ? new BranchRef(id) : null;
    }

    private static async Task<List<Guid>> CategoryAndDescendantsAsync(TillDbContext db, Guid root, CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var result = new List<Guid> { root };
        for (var i = 0; i < result.Count; i++) result.AddRange(all.Where(c => c.ParentId == result[i]).Select(c => c.Id));
        return result;
    }
}

/// <summary>The branch a read is made for; <see cref="Id"/> is null for a caller with no branch (base prices apply).</summary>
internal sealed record BranchRef(Guid? Id);

/// <summary>One product with what a branch needs to show it, loaded in a single query.</summary>
internal sealed record ProductView(Product Product, List<string> Barcodes, List<ModifierDto> Modifiers, BranchSettingsDto? Branch)
{
    public static IQueryable<ProductView> Query(TillDbContext db, IQueryable<Product> products, Guid? branchId) =>
        products.Select(p => new ProductView(
            p,
            p.Barcodes.OrderBy(b => b.Code).Select(b => b.Code).ToList(),
            p.Modifiers.OrderBy(m => m.SortOrder).ThenBy(m => m.Name).Select(m => new ModifierDto(m.Id, m.Name, m.Price, m.SortOrder)).ToList(),
            db.ProductBranches.Where(o => o.ProductId == p.Id && o.BranchId == branchId)
                .Select(o => new BranchSettingsDto(o.BranchId, o.Price, o.IsAvailable, o.MinStock, o.MaxStock, o.ShelfLocation, o.Version))
                .FirstOrDefault()));

    public ProductDto ToDto(Guid? branchId)
    {
        var p = Product;
        return new ProductDto(p.Id, p.Sku, p.Name, p.Description, p.Brand, p.Unit, p.CategoryId, p.Cost, p.Price,
            Branch?.Price ?? p.Price, p.TaxRate, p.ImageUrl, p.Attributes is null ? null : JsonNode.Parse(p.Attributes),
            p.TrackStock, p.IsActive, Branch?.IsAvailable ?? true, Barcodes, Modifiers, branchId, Branch, p.Version, p.UpdatedAt);
    }
}
