using System.Collections.Frozen;
using Till.Server.Orders;

namespace Till.Server.Sync;

/// <summary>
/// Which change-log rows carry children (<see cref="Audit.ICarriesChildrenInChanges"/>): a completed sale's first
/// row holds the lines and payments created with it, under these names. The change feed hands each to devices as
/// its own change, and the compactor keeps such a first row for as long as the parent is in the log.
/// </summary>
internal static class CarriedChildren
{
    /// <summary>Parent entity -> (list name in its data -> child entity).</summary>
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Lists = new Dictionary<string, FrozenDictionary<string, string>>
    {
        [SyncPayload.EntityName(typeof(Order))] = new Dictionary<string, string>
        {
            [OrderLine.ListName] = SyncPayload.EntityName(typeof(OrderLine)),
            [OrderPayment.ListName] = SyncPayload.EntityName(typeof(OrderPayment)),
        }.ToFrozenDictionary(),
    }.ToFrozenDictionary();

    /// <summary>The entity types whose first row may carry children.</summary>
    public static readonly string[] Parents = [.. Lists.Keys];

    /// <summary>Whether a row of <paramref name="entity"/> at <paramref name="version"/> may carry children (only a first row does).</summary>
    public static bool CarriesChildren(string entity, long version) => version == 1 && Lists.ContainsKey(entity);

    /// <summary>The child entity a parent's list holds; null when <paramref name="property"/> is one of the parent's own fields.</summary>
    public static string? EntityOf(string parent, string property) =>
        Lists.TryGetValue(parent, out var lists) && lists.TryGetValue(property, out var child) ? child : null;
}
