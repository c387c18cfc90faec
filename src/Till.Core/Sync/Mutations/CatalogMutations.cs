namespace Till.Core.Sync.Mutations;

/// <summary>
/// <c>customer.upsert</c>: create (no base version) or edit a customer. The id may be made on the
/// device. Edits carry the mutation's <c>base_version</c>; a stale one is a recorded conflict.
/// </summary>
public sealed record CustomerUpsert(
    Guid Id, string Name, string? Code = null, string? Phone = null, string? Email = null,
    string? Address = null, DateOnly? Birthday = null, string? Notes = null);

/// <summary><c>product.upsert</c>: create or edit a product (needs <c>products.write</c>). Null barcodes keep the current ones.</summary>
public sealed record ProductUpsert(
    Guid Id, string Sku, string Name, decimal Price, decimal TaxRate = 0, string? Description = null, string? Brand = null,
    string? Unit = null, Guid? CategoryId = null, decimal? Cost = null, IReadOnlyList<string>? Barcodes = null,
    bool TrackStock = true, bool IsActive = true);

/// <summary>
/// <c>stock.adjust</c>: a signed quantity into (+) or out of (-) a warehouse (default: the device
/// branch's default warehouse). <paramref name="Type"/> is <c>adjustment</c> (default) or <c>van_load</c>.
/// </summary>
public sealed record StockAdjust(Guid Id, Guid ProductId, decimal Quantity, Guid? WarehouseId = null, string? Type = null, string? Notes = null);

/// <summary><c>stock.count</c>: the quantity counted on the shelf; the server posts the difference from its level.</summary>
public sealed record StockCount(Guid Id, Guid ProductId, decimal CountedQuantity, Guid? WarehouseId = null, string? Notes = null);
