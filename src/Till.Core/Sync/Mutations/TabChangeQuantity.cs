namespace Till.Core.Sync.Mutations;

/// <summary><c>tab.change_quantity</c>: sets the quantity of one line of an open order.</summary>
public sealed record TabChangeQuantity(Guid OrderId, Guid LineId, decimal Quantity);
