namespace Till.Core.Sync.Mutations;

/// <summary><c>order.void</c>: cancels the completed order <c>Id</c> inside its shift (needs <c>orders.void</c>).</summary>
public sealed record OrderVoid(Guid Id, Guid? ShiftId, string Reason, DateTime VoidedAt);
