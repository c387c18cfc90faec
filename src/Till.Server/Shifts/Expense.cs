using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Shifts;

/// <summary>A kind of spending (ice, cleaning, transport...).</summary>
internal sealed class ExpenseCategory : SyncEntity
{
    public required string Name { get; set; }
}

internal enum ExpenseSource
{
    /// <summary>Cash from the open shift's drawer (also a <see cref="CashMovement"/>).</summary>
    Drawer,

    /// <summary>From a deposit: a bank account or the owner's pocket, named in <see cref="Expense.DepositSource"/>.</summary>
    Deposit,
}

/// <summary>Money spent by a branch.</summary>
internal sealed class Expense : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public Guid CategoryId { get; set; }
    public decimal Amount { get; set; }
    public required string Description { get; set; }
    public ExpenseSource Source { get; set; }
    public string? DepositSource { get; set; }
    public Guid? ShiftId { get; set; }
    public Guid? CashMovementId { get; set; }
    public Guid? UserId { get; set; }
    public DateTime SpentAt { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class ExpenseCategoryConfiguration : IEntityTypeConfiguration<ExpenseCategory>
{
    public void Configure(EntityTypeBuilder<ExpenseCategory> b)
    {
        b.ToTable("expense_categories");
        b.HasIndex(x => new { x.TenantId, x.Name }).IsUnique().HasFilter("is_deleted = false");
        b.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class ExpenseConfiguration : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> b)
    {
        b.ToTable("expenses");
        b.HasIndex(x => new { x.TenantId, x.BranchId, x.SpentAt });
        b.HasOne<ExpenseCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Description).HasMaxLength(500);
        b.Property(x => x.DepositSource).HasMaxLength(100);
    }
}
