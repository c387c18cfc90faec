namespace Till.Core.Sync.Mutations;

/// <summary>One sold line as the device priced it (name and price are snapshots; the server keeps them as sold).</summary>
public sealed record OrderLinePayload(
    Guid LineId,
    Guid ProductId,
    string Name,
    decimal Quantity,
    decimal UnitPrice,
    decimal Discount,
    decimal Tax,
    decimal Total,
    string? Note = null);
