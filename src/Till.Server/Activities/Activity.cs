using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Sync;
using Till.Server.Data;

namespace Till.Server.Activities;

/// <summary>
/// One line of the live activity feed a manager watches: a sale, a low-stock warning, a licence
/// alert. Unlike the audit log it is written for people, in words, and only for notable events.
/// </summary>
internal sealed class Activity : ITenantOwned
{
    public Guid Id { get; set; } = RowId.New();
    public Guid TenantId { get; set; }
    public Guid? BranchId { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>Dotted kind, e.g. <c>inventory.low_stock</c>, <c>license.expiring</c>, <c>order.completed</c>.</summary>
    public required string Kind { get; set; }
    public required string Message { get; set; }

    /// <summary>Optional JSON details (ids, amounts) for links in the UI.</summary>
    public string? Data { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.HasIndex(x => new { x.TenantId, x.CreatedAt });
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Message).HasMaxLength(500);
    }
}
