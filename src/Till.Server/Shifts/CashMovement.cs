using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Shifts;

internal enum CashMovementKind
{
    PayIn,
    PayOut,

    /// <summary>An expense paid from the drawer.</summary>
    Expense,
}

/// <summary>Cash put into or taken out of a shift's drawer other than by a sale or refund.</summary>
internal sealed class CashMovement : SyncEntity, IBranchScoped
{
    public Guid ShiftId { get; set; }
    public Guid BranchId { get; set; }
    public CashMovementKind Kind { get; set; }

    /// <summary>Signed: positive into the drawer, negative out of it.</summary>
    public decimal Amount { get; set; }
    public required string Reason { get; set; }
    public Guid? UserId { get; set; }
    public DateTime MovedAt { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class CashMovementConfiguration : IEntityTypeConfiguration<CashMovement>
{
    public void Configure(EntityTypeBuilder<CashMovement> b)
    {
        b.ToTable("cash_movements");
        b.HasIndex(x => x.ShiftId);
        b.HasOne<Shift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Reason).HasMaxLength(500);
    }
}
