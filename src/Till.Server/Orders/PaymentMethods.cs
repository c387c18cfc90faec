using Microsoft.EntityFrameworkCore;
using Till.Server.Data;

namespace Till.Server.Orders;

/// <summary>Which payment methods a branch accepts.</summary>
internal static class PaymentMethods
{
    /// <summary>
    /// The methods enabled in <paramref name="branchId"/>, by code. A tenant that configured no methods
    /// accepts <see cref="PaymentMethod.Defaults"/> everywhere; once it has some, a branch takes the
    /// active ones it enabled (or every active one when it enabled none).
    /// </summary>
    public static async Task<Dictionary<string, PaymentMethod>> EnabledAsync(TillDbContext db, Guid branchId, CancellationToken ct)
    {
        var all = await db.PaymentMethods.AsNoTracking().Where(m => m.IsActive).ToListAsync(ct);
        if (all.Count == 0 && !await db.PaymentMethods.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).AnyAsync(ct))
            return PaymentMethod.Defaults.ToDictionary(m => m.Code, StringComparer.Ordinal);
        var enabled = await db.BranchPaymentMethods.AsNoTracking().Where(b => b.BranchId == branchId).Select(b => b.PaymentMethodId).ToListAsync(ct);
        return all.Where(m => enabled.Count == 0 || enabled.Contains(m.Id)).ToDictionary(m => m.Code, StringComparer.Ordinal);
    }
}
