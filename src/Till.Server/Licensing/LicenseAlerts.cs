using Till.Server.Activities;
using Till.Server.Data;

namespace Till.Server.Licensing;

/// <summary>
/// Licence alerts: a line in the tenant's activity feed, in the caller's unit of work, and an
/// event that <see cref="LicenseAlertMailer"/> turns into an email (or a log line) once committed.
/// </summary>
internal static class LicenseAlerts
{
    public const string Activated = "license.activated";
    public const string Deactivated = "license.deactivated";
    public const string SeatLimitReached = "license.seat_limit";
    public const string Expiring = "license.expiring";
    public const string Expired = "license.expired";
    public const string Issued = "license.issued";

    /// <summary>Seat-limit alerts for one licence go out at most this often, however many tills retry.</summary>
    public static readonly TimeSpan SeatLimitRepeat = TimeSpan.FromHours(24);

    public static void Raise(TillDbContext db, string kind, License license, string subject, string message, Guid? branchId = null, object? data = null)
    {
        ActivityFeed.Record(db, kind, message, branchId, data ?? new { license_id = license.Id, license_key = license.Key }, tenantId: license.TenantId);
        db.Raise(new LicenseAlertRaised(license.TenantId, branchId, kind, license.Id, subject, message));
    }
}
