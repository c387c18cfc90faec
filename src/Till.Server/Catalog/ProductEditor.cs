using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Sync;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Catalog;

/// <summary>Product writes: create, update, delete, and per-branch overrides.</summary>
internal static class ProductEditor
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", Create).RequireAuthorization(Permissions.ProductsWrite);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.ProductsWrite);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.ProductsWrite);
        group.MapGet("/{id:guid}/branches", ListBranches);
        group.MapPut("/{id:guid}/branches/{branchId:guid}", PutBranch).RequireAuthorization(Permissions.ProductsWrite);
        group.MapDelete("/{id:guid}/branches/{branchId:guid}", DeleteBranch).RequireAuthorization(Permissions.ProductsWrite);
    }

    private static async Task<Results<Created<ProductDto>, ValidationProblem, ProblemHttpResult>> Create(ProductRequest request, TillDbContext db, CancellationToken ct)
    {
        var id = RowId.New();
        return await CreateAsync(db, id, request, ct) switch
        {
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            _ => TypedResults.Created($"/api/products/{id}", await ReadAsync(db, id, ct)),
        };
    }

    /// <summary>Creates a product with its barcodes and modifiers (the REST API and <c>product.upsert</c>).</summary>
    internal static async Task<IResult?> CreateAsync(TillDbContext db, Guid id, ProductRequest request, CancellationToken ct)
    {
        if (await CategoryProblemAsync(db, request.CategoryId, ct) is { } invalid) return invalid;
        if (await CheckAsync(db, request, productId: null, ct) is { } problem) return problem;

        var product = new Product { Id = id, Sku = request.Sku!.Trim(), Name = request.Name!.Trim() };
        Apply(product, request);
        product.Barcodes = [.. (request.Barcodes ?? []).Select(c => new ProductBarcode { ProductId = product.Id, Code = c })];
        product.Modifiers = [.. (request.Modifiers ?? []).Select(m => NewModifier(product.Id, m))];
        db.Products.Add(product);
        return await SaveAsync(db, ct);
    }

    private static async Task<Results<Ok<ProductDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, ProductRequest request, TillDbContext db, CancellationToken ct)
    {
        var product = await LoadForEditAsync(db, id, ct);
        if (product is null) return TypedResults.NotFound();
        if (request.Version is { } version && version != product.Version)
            return Problems.Conflict($"The product was changed by someone else (version {product.Version}, you edited {version}). Reload it and apply your change again.");
        return await UpdateAsync(db, product, request, ct) switch
        {
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            _ => TypedResults.Ok(await ReadAsync(db, id, ct)),
        };
    }

    internal static Task<Product?> LoadForEditAsync(TillDbContext db, Guid id, CancellationToken ct) =>
        db.Products.Include(p => p.Barcodes).Include(p => p.Modifiers).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Writes <paramref name="request"/> onto <paramref name="product"/> (loaded with <see cref="LoadForEditAsync"/>); a problem when it clashes.</summary>
    internal static async Task<IResult?> UpdateAsync(TillDbContext db, Product product, ProductRequest request, CancellationToken ct)
    {
        var id = product.Id;
        if (await CategoryProblemAsync(db, request.CategoryId, ct) is { } invalid) return invalid;
        if (await CheckAsync(db, request, id, ct) is { } problem) return problem;

        product.Sku = request.Sku!.Trim();
        product.Name = request.Name!.Trim();
        Apply(product, request);
        if (request.Barcodes is { } codes)
        {
            foreach (var gone in product.Barcodes.Where(b => !codes.Contains(b.Code)).ToList()) db.ProductBarcodes.Remove(gone);
            var kept = product.Barcodes.Select(b => b.Code).ToHashSet(StringComparer.Ordinal);
            db.ProductBarcodes.AddRange(codes.Where(c => !kept.Contains(c)).Select(c => new ProductBarcode { ProductId = id, Code = c }));
        }

        if (request.Modifiers is { } modifiers)
        {
            db.ProductModifiers.RemoveRange(product.Modifiers);
            db.ProductModifiers.AddRange(modifiers.Select(m => NewModifier(id, m)));
        }

        return await SaveAsync(db, ct);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, TillDbContext db, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Barcodes).Include(p => p.Modifiers).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return TypedResults.NotFound();
        // Tombstones for the product and what hangs off it, so its SKU and barcodes can be reused.
        db.ProductBarcodes.RemoveRange(product.Barcodes);
        db.ProductModifiers.RemoveRange(product.Modifiers);
        db.ProductBranches.RemoveRange(await db.ProductBranches.Where(o => o.ProductId == id).ToListAsync(ct));
        db.Products.Remove(product);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<BranchSettingsDto>>, NotFound>> ListBranches(Guid id, TillDbContext db, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await db.ProductBranches.Where(o => o.ProductId == id)
            .Select(o => new BranchSettingsDto(o.BranchId, o.Price, o.IsAvailable, o.MinStock, o.MaxStock, o.ShelfLocation, o.Version))
            .ToListAsync(ct));
    }

    private static async Task<Results<Ok<BranchSettingsDto>, ProblemHttpResult>> PutBranch(
        Guid id, Guid branchId, ProductBranchRequest request, TillDbContext db, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound("The product");
        if (!await db.Branches.AnyAsync(b => b.Id == branchId, ct)) return Problems.NotFound("The branch");

        var setting = await db.ProductBranches.FirstOrDefaultAsync(o => o.ProductId == id && o.BranchId == branchId, ct);
        if (setting is null)
        {
            setting = new ProductBranch { ProductId = id, BranchId = branchId };
            db.ProductBranches.Add(setting);
        }

        setting.Price = request.Price;
        setting.IsAvailable = request.IsAvailable;
        setting.MinStock = request.MinStock;
        setting.MaxStock = request.MaxStock;
        setting.ShelfLocation = string.IsNullOrWhiteSpace(request.ShelfLocation) ? null : request.ShelfLocation.Trim();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new BranchSettingsDto(branchId, setting.Price, setting.IsAvailable, setting.MinStock, setting.MaxStock, setting.ShelfLocation, setting.Version));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteBranch(Guid id, Guid branchId, TillDbContext db, CancellationToken ct)
    {
        var setting = await db.ProductBranches.FirstOrDefaultAsync(o => o.ProductId == id && o.BranchId == branchId, ct);
        if (setting is null) return TypedResults.NotFound();
        db.ProductBranches.Remove(setting);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> CategoryProblemAsync(TillDbContext db, Guid? categoryId, CancellationToken ct) =>
        categoryId is { } id && !await db.Categories.AnyAsync(c => c.Id == id, ct) ? Problems.Validation("category_id", "No category with this id.") : null;

    /// <summary>SKU and barcodes must not belong to another live product.</summary>
    private static async Task<ProblemHttpResult?> CheckAsync(TillDbContext db, ProductRequest request, Guid? productId, CancellationToken ct)
    {
        var sku = request.Sku!.Trim();
        var skuOwner = await db.Products.Where(p => p.Sku == sku && p.Id != productId).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        if (skuOwner is not null)
            return Clash($"The SKU '{sku}' is already used by product '{skuOwner.Name}'.", "sku", sku, skuOwner.Id);

        if (request.Barcodes is { Count: > 0 } codes)
        {
            var codeOwner = await db.ProductBarcodes.Where(b => codes.Contains(b.Code) && b.ProductId != productId)
                .Join(db.Products, b => b.ProductId, p => p.Id, (b, p) => new { b.Code, p.Id, p.Name }).FirstOrDefaultAsync(ct);
            if (codeOwner is not null)
                return Clash($"The barcode '{codeOwner.Code}' is already used by product '{codeOwner.Name}'.",
                    $"barcodes[{codes.IndexOf(codeOwner.Code)}]", codeOwner.Code, codeOwner.Id);
        }

        return null;
    }

    internal static ProblemHttpResult Clash(string detail, string field, string value, Guid? productId) =>
        Problems.Conflict(detail, new Dictionary<string, object?> { ["field"] = field, ["value"] = value, ["product_id"] = productId });

    /// <summary>Saves; a unique-index race lost to a concurrent writer becomes the same 409 as the checks give.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(TillDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("The SKU or one of the barcodes was just taken by another product. Reload and try again.");
        }
    }

    private static void Apply(Product product, ProductRequest request)
    {
        product.Description = Blank(request.Description);
        product.Brand = Blank(request.Brand);
        product.Unit = Blank(request.Unit) ?? "pcs";
        product.CategoryId = request.CategoryId;
        product.Cost = request.Cost ?? product.Cost;
        product.Price = request.Price!.Value;
        product.TaxRate = request.TaxRate ?? 0;
        product.ImageUrl = Blank(request.ImageUrl);
        product.Attributes = request.Attributes?.ToJsonString();
        product.TrackStock = request.TrackStock ?? true;
        product.IsActive = request.IsActive ?? true;
    }

    private static ProductModifier NewModifier(Guid productId, ModifierRequest m) =>
        new() { ProductId = productId, Name = m.Name!.Trim(), Price = m.Price ?? 0, SortOrder = m.SortOrder };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<ProductDto> ReadAsync(TillDbContext db, Guid id, CancellationToken ct)
    {
        var branch = db.Tenant.BranchId;
        var view = await ProductView.Query(db, db.Products.AsNoTracking().Where(p => p.Id == id), branch).FirstAsync(ct);
        return view.ToDto(branch);
    }
}
