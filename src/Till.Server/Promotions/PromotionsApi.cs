using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Pricing;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Promotions;

internal sealed record PromotionRequest
{
    [Required, StringLength(200, MinimumLength = 1)] public string? Name { get; init; }
    [Required] public PromotionKind? Kind { get; init; }
    [Required] public PromotionTarget? Target { get; init; }
    [Required, Range(typeof(decimal), "0", "1000000000000")] public decimal? Value { get; init; }
    public Guid? TargetId { get; init; }
    [Range(0, 1000)] public int? BuyQuantity { get; init; }
    [Range(0, 1000)] public int? GetQuantity { get; init; }
    [Range(typeof(decimal), "0", "1000000000000")] public decimal? MinimumSpend { get; init; }
    [MaxLength(50)] public List<Guid>? BranchIds { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    [MaxLength(7)] public List<DayOfWeek>? Weekdays { get; init; }
    public TimeOnly? WindowStart { get; init; }
    public TimeOnly? WindowEnd { get; init; }
    [StringLength(64)] public string? CouponCode { get; init; }
    public bool? IsActive { get; init; }

    public void ApplyTo(Promotion p)
    {
        p.Name = Name!.Trim();
        p.Kind = Kind!.Value;
        p.Target = Target!.Value;
        p.Value = Value!.Value;
        p.TargetId = Target == PromotionTarget.Order ? null : TargetId;
        p.BuyQuantity = BuyQuantity ?? 0;
        p.GetQuantity = GetQuantity ?? 0;
        p.MinimumSpend = MinimumSpend ?? 0;
        p.BranchIds = BranchIds is { Count: > 0 } ? string.Join(",", BranchIds) : null;
        p.StartsOn = StartsOn;
        p.EndsOn = EndsOn;
        p.Weekdays = Weekdays is { Count: > 0 } ? string.Join(",", Weekdays.Select(d => ((int)d).ToString(CultureInfo.InvariantCulture))) : null;
        p.WindowStart = WindowStart;
        p.WindowEnd = WindowEnd;
        p.CouponCode = string.IsNullOrWhiteSpace(CouponCode) ? null : CouponCode.Trim();
        p.IsActive = IsActive ?? true;
    }
}

internal sealed record SalesSettingsRequest
{
    [Required, Range(typeof(decimal), "0", "1000000000000")] public decimal? SpendPerPoint { get; init; }
    [Required, Range(typeof(decimal), "0", "1000000000000")] public decimal? PointValue { get; init; }
    [Range(typeof(decimal), "0.0001", "1000000")] public decimal? CashRoundingIncrement { get; init; }
}

internal sealed record SalesSettingsDto(decimal SpendPerPoint, decimal PointValue, decimal? CashRoundingIncrement);

/// <summary>Promotions (validated with the pricing engine's own rules when saved) and the tenant's loyalty and rounding settings.</summary>
internal static class PromotionsApi
{
    public static RouteGroupBuilder MapPromotionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/promotions").WithTags("Promotions").RequireAuthorization(Permissions.OrdersView);
        group.MapGet("/", async (TillDbContext db, CancellationToken ct) => Results.Ok((await db.Promotions.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct)).Select(ToDto)));
        group.MapGet("/{id:guid}", async (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? Results.Ok(ToDto(p)) : Problems.NotFound("The promotion"));
        group.MapPost("/", async Task<IResult> (PromotionRequest request, TillDbContext db, CancellationToken ct) =>
        {
            var promotion = new Promotion { Name = "" };
            request.ApplyTo(promotion);
            if (promotion.ToPricing().Validate() is { } error) return Problems.Validation("promotion", error);
            db.Promotions.Add(promotion);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/promotions/{promotion.Id}", ToDto(promotion));
        }).RequireAuthorization(Permissions.SettingsWrite);
        group.MapPut("/{id:guid}", async (Guid id, PromotionRequest request, TillDbContext db, CancellationToken ct) =>
        {
            var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (promotion is null) return Problems.NotFound("The promotion");
            request.ApplyTo(promotion);
            if (promotion.ToPricing().Validate() is { } error) return Problems.Validation("promotion", error);
            await db.SaveChangesAsync(ct);
            return Results.Ok(ToDto(promotion));
        }).RequireAuthorization(Permissions.SettingsWrite);
        group.MapDelete("/{id:guid}", async (Guid id, TillDbContext db, CancellationToken ct) =>
        {
            var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (promotion is null) return Problems.NotFound("The promotion");
            db.Promotions.Remove(promotion);
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        }).RequireAuthorization(Permissions.SettingsWrite);

        var settings = routes.MapGroup("/api/sales-settings").WithTags("Promotions").RequireAuthorization(Permissions.OrdersView);
        settings.MapGet("/", async (TillDbContext db, CancellationToken ct) =>
            Results.Ok(await db.SalesSettings.AsNoTracking().Select(s => new SalesSettingsDto(s.SpendPerPoint, s.PointValue, s.CashRoundingIncrement)).FirstOrDefaultAsync(ct)
                ?? new SalesSettingsDto(0, 0, null)));
        settings.MapPut("/", async (SalesSettingsRequest request, TillDbContext db, CancellationToken ct) =>
        {
            var row = await db.SalesSettings.FirstOrDefaultAsync(ct);
            if (row is null) db.SalesSettings.Add(row = new SalesSettings());
            row.SpendPerPoint = request.SpendPerPoint!.Value;
            row.PointValue = request.PointValue!.Value;
            row.CashRoundingIncrement = request.CashRoundingIncrement;
            await db.SaveChangesAsync(ct);
            return Results.Ok(new SalesSettingsDto(row.SpendPerPoint, row.PointValue, row.CashRoundingIncrement));
        }).RequireAuthorization(Permissions.SettingsWrite);
        return group;
    }

    private static object ToDto(Promotion p) => new
    {
        p.Id, p.Name, p.Kind, p.Target, p.Value, p.TargetId, p.BuyQuantity, p.GetQuantity, p.MinimumSpend,
        BranchIds = p.ToPricing().BranchIds, p.StartsOn, p.EndsOn, Weekdays = p.ToPricing().Weekdays, p.WindowStart, p.WindowEnd, p.CouponCode, p.IsActive, p.Version,
    };
}
