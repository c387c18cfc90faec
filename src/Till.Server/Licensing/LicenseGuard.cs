using Microsoft.EntityFrameworkCore;
using Till.Core.Licensing;
using Till.Server.Data;

namespace Till.Server.Licensing;

/// <summary>
/// Answers "may this device sell now?" on the server (online checkout, sync of new sales) with
/// the same rule the till applies offline, from the seat and licence as stored. Every online sale
/// asks, so the seat and its licence come from the tenant's copy on this node
/// (<see cref="Orders.SaleReferenceCache"/>, cleared by any commit that changes a licence or a
/// seat); the rule itself is applied to them with the current time on every call.
/// </summary>
internal sealed class LicenseGuard(TillDbContext db, Orders.SaleReferenceCache shared, TimeProvider clock)
{
    private sealed record Held(LicenseActivation Seat, License License);

    public async Task<LicenseDecision> CheckAsync(Guid deviceId, CancellationToken ct)
    {
        var held = await shared.GetAsync(db.Tenant.RequiredTenantId, ("license_seat", deviceId), () =>
            db.LicenseActivations.AsNoTracking().Where(a => a.DeviceId == deviceId && a.DeactivatedAt == null)
                .Join(db.Licenses.AsNoTracking(), a => a.LicenseId, l => l.Id, (a, l) => new Held(a, l))
                .FirstOrDefaultAsync(ct));
        if (held is null) return LicenseDecision.Invalid("This till holds no licence seat. Activate it to start selling.");

        var (seat, license) = (held.Seat, held.License);
        if (license.Status != LicenseStatus.Active)
            return LicenseDecision.Invalid($"Licence {license.Key} is {license.Status.ToString().ToLowerInvariant()}. New sales are paused; refunds, reports and sync keep working.");

        var now = clock.GetUtcNow().UtcDateTime;
        return LicenseRules.Evaluate(seat.ToClaims(license, keyId: "", issuedAt: seat.LastVerifiedAt), now);
    }
}
