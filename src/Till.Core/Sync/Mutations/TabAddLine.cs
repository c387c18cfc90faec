namespace Till.Core.Sync.Mutations;

/// <summary><c>tab.add_line</c>: adds one line to an open order; two waiters adding lines never lose each other's.</summary>
public sealed record TabAddLine(Guid OrderId, Guid LineId, Guid ProductId, string Name, decimal Quantity, decimal UnitPrice, string? Note);
