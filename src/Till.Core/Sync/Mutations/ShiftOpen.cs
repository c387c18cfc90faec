namespace Till.Core.Sync.Mutations;

/// <summary><c>shift.open</c>: a cashier opens the device's shift with an opening float.</summary>
public sealed record ShiftOpen(Guid ShiftId, Guid? CashierId, decimal OpeningFloat, DateTime OpenedAt);
