namespace Till.Core.Sync.Mutations;

/// <summary><c>tab.move_table</c>: moves an open order to another table.</summary>
public sealed record TabMoveTable(Guid OrderId, Guid? TableId);
