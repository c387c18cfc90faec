using Microsoft.EntityFrameworkCore;
using Till.Server.Activities;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Licensing;

/// <summary>Frees a till's licence seat: when the till gives it back, or when the till is deleted.</summary>
internal static class LicenseSeats
{
    /// <summary>Releases the active seat of <paramref name="device"/>, if it holds one (saved with the caller's next SaveChanges).</summary>
    public static async Task<LicenseActivation?> ReleaseAsync(TillDbContext db, Device device, DateTime now, string why, CancellationToken ct)
    {
        var seat = await db.LicenseActivations.FirstOrDefaultAsync(a => a.DeviceId == device.Id && a.DeactivatedAt == null, ct);
        if (seat is null) return null;
        var license = await db.Licenses.FirstAsync(l => l.Id == seat.LicenseId, ct);
        seat.DeactivatedAt = now;
        seat.DeactivatedByUserId = db.Tenant.UserId;
        device.Fingerprint = null;
        license.SeatsChangedAt = now;
        ActivityFeed.Record(db, LicenseAlerts.Deactivated, $"Device {device.Code} ({device.Name}) {why} its seat of licence {license.Key}.",
            device.BranchId, new { license_id = license.Id, license_key = license.Key, device_id = device.Id, seat_id = seat.Id });
        return seat;
    }
}
