using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Sync.Mutations;
using Till.Server.Data;
using Till.Server.Sync;

namespace Till.Server.Catalog;

/// <summary><c>product.upsert</c> from a till (roles with products.write): versioned master data, last write wins, conflicts recorded.</summary>
internal sealed class ProductUpsertHandler : IMasterDataHandler
{
    public string Kind => MutationKinds.ProductUpsert;
    public string? Permission => Permissions.ProductsWrite;
    public string EntityType => "product";

    public async Task<MutationOutcome> ApplyAsync(MutationContext context, CancellationToken ct)
    {
        var payload = context.Payload<ProductUpsert>();
        var id = payload.ProductId;
        var request = context.Validate(new ProductRequest
        {
            Sku = payload.Sku, Name = payload.Name, Price = payload.Price, Cost = payload.Cost, TaxRate = payload.TaxRate,
            CategoryId = payload.CategoryId, Barcodes = payload.Barcodes is null ? null : [.. payload.Barcodes],
            TrackStock = payload.TrackStock, IsActive = payload.IsActive,
        });
        var db = context.Db;

        var existing = await ProductEditor.LoadForEditAsync(db, id, ct);
        if (existing is null)
        {
            if (await db.Products.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).AnyAsync(p => p.Id == id, ct))
                throw new MutationRejectedException("The product was deleted on the server.");
            Reject(await ProductEditor.CreateAsync(db, id, request, ct));
            return MutationOutcome.Applied(new { id, version = 1 });
        }

        var conflict = context.DetectConflict(existing, EntityType);

        Reject(await ProductEditor.UpdateAsync(db, existing, request, ct));
        return new MutationOutcome(new { id, version = existing.Version }, conflict);
    }

    public async Task ApplyDataAsync(TillDbContext db, Guid entityId, JsonElement data, CancellationToken ct)
    {
        var request = data.Deserialize<ProductRequest>(SyncPayload.Json) ?? throw new InvalidOperationException("No data.");
        var product = await ProductEditor.LoadForEditAsync(db, entityId, ct) ?? throw new InvalidOperationException("The product no longer exists.");
        if (await ProductEditor.UpdateAsync(db, product, request with { Barcodes = null, Modifiers = null }, ct) is { } problem)
            throw new InvalidOperationException(Describe(problem));
    }

    private static void Reject(IResult? problem)
    {
        if (problem is not null) throw new MutationRejectedException(Describe(problem));
    }

    private static string Describe(IResult problem) => problem switch
    {
        ValidationProblem v => string.Join(" ", v.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        ProblemHttpResult p => p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "Refused.",
        _ => "Refused.",
    };
}
