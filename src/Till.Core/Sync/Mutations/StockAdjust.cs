namespace Till.Core.Sync.Mutations;

/// <summary><c>stock.adjust</c>: a signed quantity change (damage, found goods) in one warehouse, as a ledger movement.</summary>
public sealed record StockAdjust(Guid MovementId, Guid ProductId, Guid WarehouseId, decimal Quantity, string? Reason, DateTime AdjustedAt);
