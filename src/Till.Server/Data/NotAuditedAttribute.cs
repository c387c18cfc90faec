namespace Till.Server.Data;

/// <summary>
/// Keeps a property out of audit old/new values (secrets, bookkeeping counters that change on every
/// login), or a whole entity out of the audit log (the log itself, sync bookkeeping).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
internal sealed class NotAuditedAttribute : Attribute;
