namespace Till.Server.Data;

/// <summary>Keeps a property out of the sync payload devices receive (server-only secrets and bookkeeping).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotSyncedAttribute : Attribute;
