using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Sync;
using Till.Server.Data;

namespace Till.Server.Audit;

/// <summary>One write: who, from which device and address, what entity, old and new values.</summary>
internal sealed class AuditEntry : ITenantOwned
{
    public Guid Id { get; set; } = RowId.New();
    public Guid TenantId { get; set; }
    public Guid? UserId { get; set; }
    public Guid? DeviceId { get; set; }

    /// <summary><c>create</c>, <c>update</c>, <c>delete</c>, or an event such as <c>auth.login</c>.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>JSON object of the changed properties before the write (snake_case names).</summary>
    public string? OldValues { get; set; }

    /// <summary>JSON object of the changed properties after the write (snake_case names).</summary>
    public string? NewValues { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_logs");
        b.HasIndex(x => new { x.TenantId, x.CreatedAt });
        b.HasIndex(x => new { x.TenantId, x.EntityType, x.EntityId });
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
    }
}
