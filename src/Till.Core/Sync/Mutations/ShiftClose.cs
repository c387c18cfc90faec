namespace Till.Core.Sync.Mutations;

/// <summary>
/// <c>shift.close</c>: closes a shift with the counted cash. <c>ExpectedCash</c> is the device's
/// view (float + cash sales - cash refunds + pay-ins - pay-outs); the server recomputes it from its ledger.
/// </summary>
public sealed record ShiftClose(Guid ShiftId, decimal CountedCash, decimal ExpectedCash, string? Note, DateTime ClosedAt);
