using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// A change-log row held back by a long bulk write (a 100,000-row import).
/// <see cref="ChangeLogWriter.PublishStagedAsync"/> moves the batch into the change log in one
/// statement just before commit, so the import's changes form one contiguous run of numbers.
/// (Numbering itself happens at commit on PostgreSQL, see <see cref="PostgresSyncObjects"/>, so no
/// writer holds the tenant's lock while it works.)
/// </summary>
[NotAudited]
internal sealed class StagedChange : ITenantOwned
{
    public long Id { get; set; }
    public Guid BatchId { get; set; }
    public Guid TenantId { get; set; }
    public Guid? BranchId { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public long Version { get; set; }
    public bool IsDeleted { get; set; }
    public required string Data { get; set; }
    public DateTime ChangedAt { get; set; }
}

internal sealed class StagedChangeConfiguration : IEntityTypeConfiguration<StagedChange>
{
    public void Configure(EntityTypeBuilder<StagedChange> b)
    {
        b.ToTable("change_log_staging");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.BatchId, x.Id });
        b.Property(x => x.EntityType).HasMaxLength(64);
    }
}
