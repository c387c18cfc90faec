namespace Till.Core.Sync.Mutations;

/// <summary><c>order.void</c>: cancels a completed order inside its shift (needs <c>orders.void</c>).</summary>
public sealed record OrderVoid(Guid OrderId, Guid? ShiftId, string Reason, DateTime VoidedAt);
