using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Pricing;
using Till.Server.Data;

namespace Till.Server.Tenancy;

/// <summary>A shop, restaurant or van of a tenant.</summary>
internal sealed class Branch : SyncEntity
{
    /// <summary>Short code used in receipt numbers (e.g. <c>JKT1</c>); unique per tenant.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }

    /// <summary>IANA time zone, e.g. <c>Asia/Jakarta</c>.</summary>
    public string Timezone { get; set; } = "UTC";

    /// <summary>ISO 4217 currency code.</summary>
    public string Currency { get; set; } = "USD";
    public TaxMode TaxMode { get; set; } = TaxMode.Exclusive;
    public string? ReceiptHeader { get; set; }
    public string? ReceiptFooter { get; set; }
    public bool IsActive { get; set; } = true;
}

internal sealed class BranchConfiguration : IEntityTypeConfiguration<Branch>
{
    public void Configure(EntityTypeBuilder<Branch> b)
    {
        b.HasIndex(x => new { x.TenantId, x.Code }).IsUnique().HasFilter("is_deleted = false");
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Timezone).HasMaxLength(64);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.TaxMode).HasConversion<string>().HasMaxLength(16);
    }
}
