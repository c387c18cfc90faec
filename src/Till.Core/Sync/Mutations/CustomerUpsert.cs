namespace Till.Core.Sync.Mutations;

/// <summary><c>customer.upsert</c>: creates or edits a customer (master data: pushed with <c>base_version</c>, null when new).</summary>
public sealed record CustomerUpsert(
    Guid CustomerId,
    string Code,
    string Name,
    string? Phone,
    string? Email,
    string? Address,
    DateOnly? Birthday,
    string? Notes);
