using Microsoft.EntityFrameworkCore;
using Till.Core.Licensing;
using Till.Server.Data;

namespace Till.Server.Licensing;

/// <summary>
/// Answers "may this device sell now?" on the server (online checkout, sync of new sales) with
/// the same rule the till applies offline, from the seat and licence as stored.
/// </summary>
internal sealed class LicenseGuard(TillDbContext db, TimeProvider clock)
{
    public async Task<LicenseDecision> CheckAsync(Guid deviceId, CancellationToken ct)
    {
        // The seat and its licence in one round trip (every online sale asks).
        var held = await db.LicenseActivations.AsNoTracking().Where(a => a.DeviceId == deviceId && a.DeactivatedAt == null)
            .Join(db.Licenses.AsNoTracking(), a => a.LicenseId, l => l.Id, (a, l) => new { Seat = a, License = l })
            .FirstOrDefaultAsync(ct);
        if (held is null) return LicenseDecision.Invalid("This till holds no licence seat. Activate it to start selling.");

        var (seat, license) = (held.Seat, held.License);
        if (license.Status != LicenseStatus.Active)
            return LicenseDecision.Invalid($"Licence {license.Key} is {license.Status.ToString().ToLowerInvariant()}. New sales are paused; refunds, reports and sync keep working.");

        var now = clock.GetUtcNow().UtcDateTime;
        return LicenseRules.Evaluate(seat.ToClaims(license, keyId: "", issuedAt: seat.LastVerifiedAt), now);
    }
}
