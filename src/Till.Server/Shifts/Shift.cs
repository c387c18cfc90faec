using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Shifts;

internal enum ShiftStatus
{
    Open,
    Closed,
}

/// <summary>A cashier's session on one device, from the opening float to the counted close.</summary>
internal sealed class Shift : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public Guid DeviceId { get; set; }
    public ShiftStatus Status { get; set; }
    public Guid? OpenedBy { get; set; }
    public Guid? ClosedBy { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public decimal OpeningFloat { get; set; }
    public decimal? ExpectedCash { get; set; }
    public decimal? CountedCash { get; set; }
    public decimal? CashVariance { get; set; }

    /// <summary>Expected, counted and variance per payment method at close, as JSON.</summary>
    public string? CloseSummary { get; set; }
    public string? Notes { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> b)
    {
        b.ToTable("shifts");
        b.HasIndex(x => new { x.TenantId, x.DeviceId, x.Status });
        // At most one open shift per device.
        b.HasIndex(x => x.DeviceId).IsUnique().HasFilter("status = 'Open' AND is_deleted = false").HasDatabaseName("ix_shifts_one_open_per_device");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CloseSummary).HasMaxLength(8000);
        b.Property(x => x.Notes).HasMaxLength(1000);
    }
}
