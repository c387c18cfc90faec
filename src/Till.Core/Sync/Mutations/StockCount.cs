namespace Till.Core.Sync.Mutations;

/// <summary>
/// <c>stock.count</c>: a counted quantity. The server books the difference between the count and
/// the level it holds at <c>CountedAt</c> as one count movement, so counts never overwrite other devices' sales.
/// </summary>
public sealed record StockCount(Guid CountId, Guid ProductId, Guid WarehouseId, decimal CountedQuantity, DateTime CountedAt);
