using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Customers;

internal enum LoyaltyEntryType
{
    Earn,
    Redeem,
    Adjust,
}

/// <summary>One line of a customer's points ledger (earn +, redeem -, adjust either way). The balance is the sum.</summary>
internal sealed class LoyaltyEntry : SyncEntity
{
    public Guid CustomerId { get; set; }
    public LoyaltyEntryType Type { get; set; }
    public decimal Points { get; set; }
    public string? ReferenceType { get; set; }
    public Guid? ReferenceId { get; set; }
    public string? Notes { get; set; }
    public Guid? UserId { get; set; }
}

internal sealed class LoyaltyEntryConfiguration : IEntityTypeConfiguration<LoyaltyEntry>
{
    public void Configure(EntityTypeBuilder<LoyaltyEntry> b)
    {
        b.ToTable("loyalty_entries");
        b.HasIndex(x => new { x.CustomerId, x.CreatedAt });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ReferenceType).HasMaxLength(32);
        b.Property(x => x.Notes).HasMaxLength(500);
    }
}
