using Microsoft.EntityFrameworkCore;
using Till.Server.Data;

namespace Till.Server.Customers;

internal sealed record CustomerTotalsDto(decimal LoyaltyBalance, decimal TotalPurchases, int Visits, DateTime? LastVisitAt);

/// <summary>
/// Figures derived from ledgers rather than stored on the customer: the loyalty balance (sum of
/// loyalty entries) and, once orders exist, total purchases and visits.
/// </summary>
internal static class CustomerTotals
{
    public static async Task<Dictionary<Guid, CustomerTotalsDto>> ForAsync(TillDbContext db, IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        // Summed in memory: SQLite stores decimals as scaled integers, so SUM stays exact either way.
        var points = (await db.LoyaltyEntries.AsNoTracking().Where(e => customerIds.Contains(e.CustomerId))
                .Select(e => new { e.CustomerId, e.Points }).ToListAsync(ct))
            .GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.Sum(e => e.Points));

        // The orders issue extends this: total purchases = sum of completed orders' totals minus refunds,
        // visits = number of completed orders, last visit = latest completed order, grouped by customer_id.
        // Until orders exist there is nothing to derive them from, so they are zero.
        return customerIds.Distinct().ToDictionary(id => id, id => new CustomerTotalsDto(points.GetValueOrDefault(id), 0m, 0, null));
    }
}
