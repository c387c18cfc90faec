using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>The stored answer to one device mutation, so a retry gets exactly the first answer.</summary>
/// <remarks>Only ever read by its device and number (the key): no index led by tenant_id (one row per pushed mutation).</remarks>
[NotAudited]
[ReadThroughParent]
internal sealed class AppliedMutation : ITenantOwned
{
    public Guid DeviceId { get; set; }
    public long Seq { get; set; }
    public Guid TenantId { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public string? Result { get; set; }
    public string? Reason { get; set; }
    public long? ServerVersion { get; set; }
    public DateTime AppliedAt { get; set; }
}

internal sealed class AppliedMutationConfiguration : IEntityTypeConfiguration<AppliedMutation>
{
    public void Configure(EntityTypeBuilder<AppliedMutation> b)
    {
        b.ToTable("applied_mutations");
        b.HasKey(x => new { x.DeviceId, x.Seq });
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.Reason).HasMaxLength(1000);
    }
}
