namespace Till.Server.Events;

/// <summary>
/// Something that happened in a tenant, raised on the DbContext by the code that made it happen and
/// published only after its transaction commits (a rolled-back change announces nothing).
/// </summary>
internal abstract record DomainEvent(Guid TenantId, Guid? BranchId);

internal sealed record ActivityRecorded(Guid TenantId, Guid? BranchId, Guid ActivityId, string Kind, string Message) : DomainEvent(TenantId, BranchId);
