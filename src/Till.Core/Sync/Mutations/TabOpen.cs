namespace Till.Core.Sync.Mutations;

/// <summary><c>tab.open</c>: an open order (restaurant tab), optionally at a table.</summary>
public sealed record TabOpen(Guid OrderId, string OrderType, Guid? TableId, Guid? CustomerId, int? Guests, DateTime OpenedAt);
