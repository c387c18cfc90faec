using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Sync;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>One push, pull or snapshot page: counts, duration and errors, for fleet health.</summary>
[NotAudited]
internal sealed class SyncLog : ITenantOwned
{
    public Guid Id { get; set; } = RowId.New();
    public Guid TenantId { get; set; }
    public Guid DeviceId { get; set; }

    /// <summary><c>push</c>, <c>pull</c> or <c>snapshot</c>.</summary>
    public required string Operation { get; set; }
    public int Received { get; set; }
    public int Applied { get; set; }
    public int Duplicates { get; set; }
    public int Conflicts { get; set; }
    public int Rejected { get; set; }
    public int Sent { get; set; }
    public long Cursor { get; set; }
    public int DurationMs { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class SyncLogConfiguration : IEntityTypeConfiguration<SyncLog>
{
    public void Configure(EntityTypeBuilder<SyncLog> b)
    {
        b.ToTable("sync_logs");
        b.HasIndex(x => new { x.TenantId, x.DeviceId, x.CreatedAt });
        b.Property(x => x.Operation).HasMaxLength(16);
        b.Property(x => x.Error).HasMaxLength(2000);
    }
}
