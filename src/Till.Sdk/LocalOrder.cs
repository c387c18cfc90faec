using Till.Core.Sync;
using Till.Core.Sync.Mutations;

namespace Till.Sdk;

/// <summary>An order made on this device, as it stands locally.</summary>
/// <param name="Status"><c>open</c> (a tab), <c>completed</c>, <c>refunded</c>, <c>partly_refunded</c> or <c>voided</c>.</param>
/// <param name="Order">The completed order as pushed (for a tab: the lines so far, totals zero).</param>
/// <param name="Refunded">Quantity already refunded per line id.</param>
public sealed record LocalOrder(Guid Id, string? Number, Guid? ShiftId, string Status, OrderComplete Order, IReadOnlyDictionary<Guid, decimal> Refunded);
