using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Payments;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Orders;

internal sealed record PaymentMethodRequest
{
    [Required, StringLength(32, MinimumLength = 1), RegularExpression("^[A-Za-z0-9_]+$")] public string? Code { get; init; }
    [Required, StringLength(100, MinimumLength = 1)] public string? Name { get; init; }
    [Required] public PaymentMethodKind? Kind { get; init; }
    public bool? IsActive { get; init; }
}

internal sealed record BranchPaymentMethodsRequest
{
    [Required, MaxLength(100)] public List<Guid>? PaymentMethodIds { get; init; }
}

internal sealed record PaymentMethodDto(Guid Id, string Code, string Name, PaymentMethodKind Kind, bool IsActive, long Version);

/// <summary>The tenant's payment methods and which of them each branch takes.</summary>
internal static class PaymentMethodsApi
{
    public static RouteGroupBuilder MapPaymentMethodsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/payment-methods").WithTags("Orders").RequireAuthorization(Permissions.OrdersView);
        group.MapGet("/", async (TillDbContext db, CancellationToken ct) =>
            Results.Ok(await db.PaymentMethods.AsNoTracking().OrderBy(m => m.Code).Select(m => new PaymentMethodDto(m.Id, m.Code, m.Name, m.Kind, m.IsActive, m.Version)).ToListAsync(ct)));
        group.MapPost("/", async Task<IResult> (PaymentMethodRequest request, TillDbContext db, CancellationToken ct) =>
        {
            if (request.Kind == PaymentMethodKind.LoyaltyPoints) return Problems.Validation("kind", "Loyalty points are paid by redeeming points, not as a method.");
            var code = request.Code!.ToUpperInvariant();
            if (await db.PaymentMethods.AnyAsync(m => m.Code == code, ct)) return Problems.Conflict($"A payment method with code {code} exists.");
            var method = new PaymentMethod { Code = code, Name = request.Name!.Trim(), Kind = request.Kind!.Value, IsActive = request.IsActive ?? true };
            db.PaymentMethods.Add(method);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/payment-methods/{method.Id}", new PaymentMethodDto(method.Id, method.Code, method.Name, method.Kind, method.IsActive, method.Version));
        }).RequireAuthorization(Permissions.SettingsWrite);
        group.MapGet("/branches/{branchId:guid}", async (Guid branchId, TillDbContext db, CancellationToken ct) =>
            await db.Branches.AnyAsync(b => b.Id == branchId, ct)
                ? Results.Ok((await PaymentMethods.EnabledAsync(db, branchId, ct)).Values.OrderBy(m => m.Code).Select(m => new PaymentMethodDto(m.Id, m.Code, m.Name, m.Kind, m.IsActive, m.Version)))
                : Problems.NotFound("The branch"));
        group.MapPut("/branches/{branchId:guid}", async (Guid branchId, BranchPaymentMethodsRequest request, TillDbContext db, CancellationToken ct) =>
        {
            if (!await db.Branches.AnyAsync(b => b.Id == branchId, ct)) return Problems.NotFound("The branch");
            var wanted = request.PaymentMethodIds!.Distinct().ToList();
            var known = await db.PaymentMethods.Where(m => wanted.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
            if (known.Count != wanted.Count) return Problems.Validation("payment_method_ids", "Unknown payment method id.");
            var current = await db.BranchPaymentMethods.Where(b => b.BranchId == branchId).ToListAsync(ct);
            db.BranchPaymentMethods.RemoveRange(current.Where(c => !wanted.Contains(c.PaymentMethodId)));
            db.BranchPaymentMethods.AddRange(wanted.Where(id => current.All(c => c.PaymentMethodId != id)).Select(id => new BranchPaymentMethod { BranchId = branchId, PaymentMethodId = id }));
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        }).RequireAuthorization(Permissions.SettingsWrite);
        return group;
    }
}
