namespace Till.Core.Sync.Mutations;

/// <summary><c>product.upsert</c>: creates or edits a product from a device (master data: pushed with <c>base_version</c>).</summary>
public sealed record ProductUpsert(
    Guid ProductId,
    string Sku,
    string Name,
    decimal Price,
    decimal Cost,
    decimal TaxRate,
    Guid? CategoryId,
    IReadOnlyList<string> Barcodes,
    bool TrackStock,
    bool IsActive);
