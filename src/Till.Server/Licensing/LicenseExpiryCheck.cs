using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Till.Server.Data;

namespace Till.Server.Licensing;

/// <summary>
/// Finds active licences of every tenant that expire within the warning window or have expired,
/// and raises each alert once per licence. Safe to run on several nodes at once: each alert is
/// claimed with a conditional update, so exactly one node sends it.
/// </summary>
internal sealed class LicenseExpiryCheck(TillDbContext db, IOptions<LicensingOptions> options)
{
    /// <summary>Returns how many alerts were raised.</summary>
    public async Task<int> RunAsync(DateTime now, CancellationToken ct)
    {
        var soon = now.AddDays(options.Value.ExpiryWarningDays);
        var due = await db.Licenses.IgnoreQueryFilters(TillDbContext.TenantOnly).AsNoTracking()
            .Where(l => l.Status == LicenseStatus.Active
                && ((l.ExpiresAt <= now && l.ExpiredAlertedAt == null) || (l.ExpiresAt > now && l.ExpiresAt <= soon && l.ExpiringAlertedAt == null)))
            .OrderBy(l => l.ExpiresAt)
            .ToListAsync(ct);

        var raised = 0;
        foreach (var license in due)
        {
            var expired = license.ExpiresAt <= now;
            var claimed = expired
                ? await db.Licenses.IgnoreQueryFilters(TillDbContext.TenantOnly)
                    .Where(l => l.Id == license.Id && l.ExpiredAlertedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiredAlertedAt, now).SetProperty(l => l.ExpiringAlertedAt, l => l.ExpiringAlertedAt ?? now), ct)
                : await db.Licenses.IgnoreQueryFilters(TillDbContext.TenantOnly)
                    .Where(l => l.Id == license.Id && l.ExpiringAlertedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiringAlertedAt, now), ct);
            if (claimed != 1) continue;

            var until = Format(license.ExpiresAt);
            if (expired)
            {
                LicenseAlerts.Raise(db, LicenseAlerts.Expired, license,
                    $"Till licence {license.Key} has expired",
                    $"Licence {license.Key} ({license.Plan}, {license.Seats} seat(s)) expired on {until}. Tills refuse new sales until it is renewed; refunds, reports and sync keep working.");
            }
            else
            {
                var days = Math.Max(1, (int)Math.Ceiling((license.ExpiresAt - now).TotalDays));
                LicenseAlerts.Raise(db, LicenseAlerts.Expiring, license,
                    $"Till licence {license.Key} expires in {days} day(s)",
                    $"Licence {license.Key} ({license.Plan}, {license.Seats} seat(s)) expires on {until}, in {days} day(s). Renew it to keep selling after that date.");
            }

            await db.SaveChangesAsync(ct);
            raised++;
        }

        return raised;
    }

    internal static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
