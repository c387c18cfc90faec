using Till.Server.Events;

namespace Till.Server.Sync;

/// <summary>
/// Raised for every unit of work that wrote synced rows. Published after commit; the hub turns it
/// into <c>changes.available</c> nudges.
/// </summary>
internal sealed record ChangesCommitted(Guid TenantId, IReadOnlyList<ChangeLogEntry> Entries) : DomainEvent(TenantId, null)
{
    /// <summary>
    /// The tenant's latest sequence once this commit is visible. On SQLite the entries carry their
    /// final numbers; on PostgreSQL a writer that numbers its rows on insert sets it, and for rows
    /// numbered at commit the publisher reads it then.
    /// </summary>
    public long? CommittedSeq { get; init; }

    public long LatestSeq => CommittedSeq ?? Entries.Max(e => e.Seq);

    /// <summary>Branches whose devices must pull; null stands for every device of the tenant.</summary>
    public IEnumerable<Guid?> Branches => Entries.Select(e => e.BranchId).Distinct();
}

/// <summary>A bulk write (an import) published many changes at once: one nudge for every device of the tenant.</summary>
internal sealed record BulkChangesCommitted(Guid TenantId, long LatestSeq) : DomainEvent(TenantId, null);
