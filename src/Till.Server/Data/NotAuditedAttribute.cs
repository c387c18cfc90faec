namespace Till.Server.Data;

/// <summary>
/// Keeps a property out of audit old/new values: secrets (hashes) and bookkeeping counters that
/// change on every login and would drown the log.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotAuditedAttribute : Attribute;
