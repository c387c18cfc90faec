namespace Till.Core.Sync.Mutations;

/// <summary><c>cash.move</c>: money into (<c>pay_in</c>) or out of (<c>pay_out</c>) the drawer during a shift. <c>Amount</c> is positive.</summary>
public sealed record CashMove(Guid MovementId, Guid ShiftId, string Direction, decimal Amount, string? Reason, DateTime MovedAt);
