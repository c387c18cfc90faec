using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// One committed change to a synced row, in commit order per tenant. <see cref="Seq"/> is the pull
/// cursor; <see cref="Data"/> is the row as devices see it after the change (snake_case JSON).
/// Written in the same transaction as the change itself.
/// </summary>
[NotAudited]
internal sealed class ChangeLogEntry : ITenantOwned
{
    /// <summary>
    /// Server sequence. SQLite: AUTOINCREMENT (writes are serial). PostgreSQL: assigned by a trigger
    /// after taking a per-tenant transaction lock, so a tenant's sequence numbers commit in order
    /// (see docs/sync-protocol.md, "The cursor").
    /// </summary>
    public long Seq { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>Null: every device of the tenant receives it. Otherwise only that branch's devices.</summary>
    public Guid? BranchId { get; set; }

    /// <summary>snake_case entity name, e.g. <c>product</c>, <c>stock_level</c>.</summary>
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public long Version { get; set; }
    public bool IsDeleted { get; set; }
    public required string Data { get; set; }
    public DateTime ChangedAt { get; set; }
}

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> b)
    {
        b.ToTable("change_log");
        b.HasKey(x => x.Seq);
        b.Property(x => x.Seq).ValueGeneratedOnAdd();
        b.HasIndex(x => new { x.TenantId, x.Seq });
        b.HasIndex(x => new { x.TenantId, x.EntityType, x.EntityId });
        b.Property(x => x.EntityType).HasMaxLength(64);
    }
}
