using Till.Core.Sync;
using Till.Core.Sync.Mutations;

namespace Till.Sdk.Internal;

/// <summary>How an order row keeps its document: the order as pushed and what was returned of it.</summary>
internal sealed record StoredOrder(OrderComplete Order, IReadOnlyDictionary<Guid, decimal> Refunded);
