namespace Till.Core.Sync.Mutations;

/// <summary><c>expense.add</c>: an expense paid from the drawer (when <c>ShiftId</c> is set) or recorded for the branch.</summary>
public sealed record ExpenseAdd(Guid ExpenseId, Guid? ShiftId, Guid? CategoryId, decimal Amount, string Description, DateTime SpentAt);
