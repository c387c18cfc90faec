using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Pricing;
using Till.Server.Data;

namespace Till.Server.Promotions;

/// <summary>A promotion as the tenant set it up; <see cref="ToPricing"/> hands it to the pricing engine, which decides when it is in force.</summary>
internal sealed class Promotion : SyncEntity
{
    public required string Name { get; set; }
    public PromotionKind Kind { get; set; }
    public PromotionTarget Target { get; set; }
    public decimal Value { get; set; }
    public Guid? TargetId { get; set; }
    public int BuyQuantity { get; set; }
    public int GetQuantity { get; set; }
    public decimal MinimumSpend { get; set; }

    /// <summary>Branch ids, comma separated; empty for every branch.</summary>
    public string? BranchIds { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }

    /// <summary>Weekday numbers (0 = Sunday), comma separated; empty for every day.</summary>
    public string? Weekdays { get; set; }
    public TimeOnly? WindowStart { get; set; }
    public TimeOnly? WindowEnd { get; set; }
    public string? CouponCode { get; set; }
    public bool IsActive { get; set; } = true;

    public Till.Core.Pricing.Promotion ToPricing() => new(Id, Name, Kind, Target, Value)
    {
        TargetId = TargetId, BuyQuantity = BuyQuantity, GetQuantity = GetQuantity, MinimumSpend = MinimumSpend,
        BranchIds = Split(BranchIds).Select(Guid.Parse).ToList(),
        StartsOn = StartsOn, EndsOn = EndsOn,
        Weekdays = Split(Weekdays).Select(d => (DayOfWeek)int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        WindowStart = WindowStart, WindowEnd = WindowEnd, CouponCode = CouponCode,
    };

    private static string[] Split(string? list) => string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> b)
    {
        b.ToTable("promotions");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Target).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.BranchIds).HasMaxLength(2000);
        b.Property(x => x.Weekdays).HasMaxLength(20);
        b.Property(x => x.CouponCode).HasMaxLength(64);
    }
}
