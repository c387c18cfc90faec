namespace Till.Core.Sync.Mutations;

/// <summary>A returned quantity of one original order line, with the amount given back for it.</summary>
public sealed record RefundLinePayload(Guid LineId, Guid ProductId, decimal Quantity, decimal Amount);
