namespace Till.Server.Data;

/// <summary>
/// Keeps a property out of the sync payload devices receive (server-only secrets and bookkeeping),
/// or, on a class, keeps a versioned entity out of the change log altogether (server-side ledgers
/// devices never mirror, such as stock movements: devices get the levels).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
internal sealed class NotSyncedAttribute : Attribute;
