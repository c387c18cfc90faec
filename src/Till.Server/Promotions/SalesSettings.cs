using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Promotions;

/// <summary>The tenant's selling rules: loyalty earning and redemption, and cash rounding. One row per tenant (none: no loyalty, no rounding).</summary>
internal sealed class SalesSettings : SyncEntity
{
    /// <summary>Amount paid in money that earns one point; 0 earns nothing.</summary>
    public decimal SpendPerPoint { get; set; }

    /// <summary>What one point is worth when redeemed; 0 disables redemption.</summary>
    public decimal PointValue { get; set; }

    /// <summary>Step the grand total is rounded to (e.g. 100 IDR); null for none.</summary>
    public decimal? CashRoundingIncrement { get; set; }
}

internal sealed class SalesSettingsConfiguration : IEntityTypeConfiguration<SalesSettings>
{
    public void Configure(EntityTypeBuilder<SalesSettings> b)
    {
        b.ToTable("sales_settings");
    }
}
