using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Licensing;
using Till.Server.Activities;
using Till.Server.Api;
using Till.Server.Auth;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Licensing;

internal static class LicenseApi
{
    private static readonly SortMap<License> Sorts = new SortMap<License>("-issued_at")
        .Add("issued_at", l => l.IssuedAt).Add("expires_at", l => l.ExpiresAt).Add("plan", l => l.Plan).Add("key", l => l.Key);

    public static RouteGroupBuilder MapLicenseApi(this IEndpointRouteBuilder routes)
    {
        // Load (or generate) the signing key now, so a bad key stops the start rather than the first activation.
        _ = routes.ServiceProvider.GetRequiredService<LicenseSigningKey>();

        var group = routes.MapGroup("/api/license").WithTags("Licensing").RequireAuthorization();

        group.MapGet("/public-key", (LicenseSigningKey key) => TypedResults.Ok(new PublicKeyResponse("ES256", key.KeyId, key.PublicKeyPem)))
            .AllowAnonymous();
        group.MapPost("/generate", Generate).RequireAuthorization(AuthServiceCollectionExtensions.SuperAdminPolicy);
        group.MapPut("/licenses/{id:guid}", Update).RequireAuthorization(AuthServiceCollectionExtensions.SuperAdminPolicy);
        group.MapGet("/all", async Task<Results<Ok<PagedResponse<LicenseDto>>, ValidationProblem>> (
            [AsParameters] PageQuery page, [AsParameters] PlatformLicenseQuery filter, TillDbContext db, CancellationToken ct) =>
        {
            // The platform sees every tenant's licences.
            var query = db.Licenses.IgnoreQueryFilters(TillDbContext.TenantOnly).AsNoTracking();
            if (filter.TenantId is { } t) query = query.Where(l => l.TenantId == t);
            if (page.SearchTerm is { } s) query = query.Where(l => l.Key.Contains(s.ToUpperInvariant()));
            if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
            var activations = db.LicenseActivations.IgnoreQueryFilters(TillDbContext.TenantOnly);
            return TypedResults.Ok(await query.Select(LicenseProjections.Dto(activations)).ToPageAsync(page, ct));
        }).RequireAuthorization(AuthServiceCollectionExtensions.SuperAdminPolicy);
        group.MapPost("/activate", Activate);
        group.MapPost("/verify", Verify);
        group.MapPost("/deactivate", Deactivate);

        group.MapGet("/licenses", async Task<Results<Ok<PagedResponse<LicenseDto>>, ValidationProblem>> (
            [AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Licenses.AsNoTracking();
            if (page.SearchTerm is { } s)
            {
                var like = $"%{s.ToUpperInvariant()}%";
                query = query.Where(l => EF.Functions.Like(l.Key, like) || EF.Functions.Like(l.Plan.ToUpper(), like));
            }

            if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
            return TypedResults.Ok(await query.Select(LicenseProjections.Dto(db.LicenseActivations)).ToPageAsync(page, ct));
        }).RequireAuthorization(Permissions.DevicesManage);

        group.MapGet("/licenses/{id:guid}", async Task<Results<Ok<LicenseDetailDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
        {
            var license = await db.Licenses.AsNoTracking().Where(l => l.Id == id).Select(LicenseProjections.Dto(db.LicenseActivations)).FirstOrDefaultAsync(ct);
            if (license is null) return TypedResults.NotFound();
            var seats = await db.LicenseActivations.AsNoTracking().Where(a => a.LicenseId == id)
                .Join(db.Devices.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly), a => a.DeviceId, d => d.Id, (a, d) => new { a, d })
                .OrderBy(x => x.a.DeactivatedAt != null).ThenBy(x => x.a.ActivatedAt)
                .Select(x => new SeatDto(x.a.Id, x.a.LicenseId, x.a.DeviceId, x.d.Code, x.d.Name, x.d.BranchId, x.a.Fingerprint,
                    x.a.ActivatedAt, x.a.LastVerifiedAt, x.a.LastVerifiedAt, x.a.DeactivatedAt, x.a.DeactivatedAt == null))
                .ToListAsync(ct);
            // The due date is computed here rather than in SQL, where date arithmetic differs per provider.
            var withDueDates = seats.Select(s => s with { VerifyBy = s.LastVerifiedAt + LicenseRules.VerificationInterval }).ToList();
            return TypedResults.Ok(new LicenseDetailDto(license, withDueDates));
        }).RequireAuthorization(Permissions.DevicesManage);

        return group;
    }

    private static async Task<Results<Created<LicenseDto>, ValidationProblem>> Generate(
        GenerateLicenseRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tenantId = request.TenantId!.Value;
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return Problems.Validation("tenant_id", "No tenant with this id.");
        var expiresAt = AsUtc(request.ExpiresAt!.Value);
        if (expiresAt <= now) return Problems.Validation("expires_at", "The expiry date must be in the future.");

        var license = new License
        {
            TenantId = tenantId,
            Key = License.NewKey(),
            Plan = request.Plan!.ToLowerInvariant(),
            Seats = request.Seats!.Value,
            Features = [.. (request.Features ?? []).Select(f => f.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
            IssuedAt = now,
            ExpiresAt = expiresAt,
            Notes = request.Notes,
            IssuedByUserId = db.Tenant.UserId,
        };
        db.Licenses.Add(license);
        ActivityFeed.Record(db, LicenseAlerts.Issued,
            $"Licence {license.Key} issued: plan {license.Plan}, {license.Seats} seat(s), valid until {LicenseExpiryCheck.Format(expiresAt)}.",
            data: new { license_id = license.Id, license_key = license.Key }, tenantId: tenantId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/license/licenses/{license.Id}", new LicenseDto(license.Id, license.TenantId, license.Key, license.Plan,
            license.Seats, 0, license.Features, license.IssuedAt, license.ExpiresAt, license.Status, license.Notes, license.CreatedAt));
    }

    private static async Task<Results<Ok<LicenseDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateLicenseRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var license = await db.Licenses.IgnoreQueryFilters(TillDbContext.TenantOnly).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (license is null) return TypedResults.NotFound();
        var activations = db.LicenseActivations.IgnoreQueryFilters(TillDbContext.TenantOnly);
        var used = await activations.CountAsync(a => a.LicenseId == id && a.DeactivatedAt == null, ct);

        if (request.Seats is { } seats && seats < used)
            return Problems.Conflict($"{used} device(s) hold seats of licence {license.Key}; deactivate some before lowering the seats to {seats}.",
                new Dictionary<string, object?> { ["seats_used"] = used });
        if (request.ExpiresAt is { } expires)
        {
            var utc = AsUtc(expires);
            if (utc != license.ExpiresAt)
            {
                license.ExpiresAt = utc;
                // A renewed (or shortened) licence is warned about again from its new date.
                license.ExpiringAlertedAt = null;
                license.ExpiredAlertedAt = null;
            }
        }

        if (request.Plan is { } plan) license.Plan = plan.ToLowerInvariant();
        if (request.Seats is { } newSeats) license.Seats = newSeats;
        if (request.Features is { } features) license.Features = [.. features.Select(f => f.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
        if (request.Status is { } status) license.Status = status;
        if (request.Notes is { } notes) license.Notes = notes;
        ActivityFeed.Record(db, "license.updated",
            $"Licence {license.Key} changed: plan {license.Plan}, {license.Seats} seat(s), {license.Status.ToString().ToLowerInvariant()}, valid until {LicenseExpiryCheck.Format(license.ExpiresAt)}.",
            data: new { license_id = license.Id, license_key = license.Key }, tenantId: license.TenantId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new LicenseDto(license.Id, license.TenantId, license.Key, license.Plan, license.Seats, used, license.Features,
            license.IssuedAt, license.ExpiresAt, license.Status, license.Notes, license.CreatedAt));
    }

    private static async Task<Results<Ok<LicenseTokenResponse>, ValidationProblem, ProblemHttpResult>> Activate(
        ActivateLicenseRequest request, TillDbContext db, LicenseSigningKey key, TimeProvider clock, CancellationToken ct)
    {
        var deviceId = request.DeviceId!.Value;
        if (!MayActFor(db.Tenant, deviceId))
            return Problems.Forbidden("Activating a till needs the devices.manage permission, or must come from that till itself.");

        var now = clock.GetUtcNow().UtcDateTime;
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device is null) return Problems.NotFound("The device");
        if (!device.IsActive) return Problems.Unprocessable($"Device {device.Code} is disabled; enable it before activating it.");

        var held = await db.LicenseActivations.FirstOrDefaultAsync(a => a.DeviceId == deviceId && a.DeactivatedAt == null, ct);
        License? license;
        if (!string.IsNullOrWhiteSpace(request.LicenseKey))
        {
            var wanted = License.NormalizeKey(request.LicenseKey);
            license = await db.Licenses.FirstOrDefaultAsync(l => l.Key == wanted, ct);
            if (license is null) return Problems.NotFound("The licence key");
        }
        else if (held is not null)
        {
            license = await db.Licenses.FirstAsync(l => l.Id == held.LicenseId, ct);
        }
        else
        {
            var usable = await db.Licenses.Where(l => l.Status == LicenseStatus.Active && l.ExpiresAt > now).OrderBy(l => l.IssuedAt).Take(2).ToListAsync(ct);
            if (usable.Count != 1)
                return Problems.Validation("license_key", usable.Count == 0
                    ? "The tenant has no active licence. Ask your Till provider for one."
                    : "The tenant has several active licences: give the key of the one this till should use.");
            license = usable[0];
        }

        if (Refusal(license, now) is { } refused) return refused;

        if (held is not null)
        {
            if (held.LicenseId != license.Id)
                return Problems.Conflict($"Device {device.Code} already holds a seat of another licence. Deactivate it there first.",
                    new Dictionary<string, object?> { ["seat_id"] = held.Id, ["license_id"] = held.LicenseId });
            if (!string.Equals(held.Fingerprint, request.Fingerprint, StringComparison.Ordinal))
                return Problems.Conflict($"Device {device.Code} is activated on other hardware (another fingerprint). Deactivate its seat first to move it.",
                    new Dictionary<string, object?> { ["seat_id"] = held.Id });

            // Activating again is idempotent: the same seat, confirmed now.
            held.LastVerifiedAt = now;
            device.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(Issue(key, license, held, now));
        }

        var holders = await db.LicenseActivations.Where(a => a.LicenseId == license.Id && a.DeactivatedAt == null)
            .Join(db.Devices.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly), a => a.DeviceId, d => d.Id, (a, d) => new { a, d })
            .OrderBy(x => x.a.ActivatedAt)
            .Select(x => new SeatHolder(x.d.Id, x.d.Code, x.d.Name, x.a.ActivatedAt))
            .ToListAsync(ct);
        if (holders.Count >= license.Seats)
        {
            var detail = $"All {license.Seats} seat(s) of licence {license.Key} are in use by {string.Join(", ", holders.Select(h => $"{h.Code} ({h.Name})"))}. Deactivate one of them or add seats to the licence.";
            if (SeatLimitAlertDue(license, now))
            {
                LicenseAlerts.Raise(db, LicenseAlerts.SeatLimitReached, license, $"Till licence {license.Key}: seat limit reached",
                    $"Device {device.Code} ({device.Name}) could not be activated. {detail}", device.BranchId,
                    new { license_id = license.Id, license_key = license.Key, device_id = device.Id });
                await db.SaveChangesAsync(ct);
            }

            return Problems.Conflict(detail, new Dictionary<string, object?> { ["seats"] = license.Seats, ["devices"] = holders });
        }

        var seat = new LicenseActivation
        {
            LicenseId = license.Id,
            DeviceId = device.Id,
            Fingerprint = request.Fingerprint!,
            ActivatedAt = now,
            LastVerifiedAt = now,
            ActivatedByUserId = db.Tenant.UserId,
        };
        db.LicenseActivations.Add(seat);
        device.Fingerprint = seat.Fingerprint;
        device.LastSeenAt = now;
        license.SeatsChangedAt = now;
        var used = holders.Count + 1;
        LicenseAlerts.Raise(db, LicenseAlerts.Activated, license, $"Till {device.Code} ({device.Name}) activated",
            $"Device {device.Code} ({device.Name}) was activated on licence {license.Key}: {used} of {license.Seats} seat(s) in use.", device.BranchId,
            new { license_id = license.Id, license_key = license.Key, device_id = device.Id, seat_id = seat.Id });
        if (used == license.Seats && SeatLimitAlertDue(license, now))
        {
            LicenseAlerts.Raise(db, LicenseAlerts.SeatLimitReached, license, $"Till licence {license.Key}: seat limit reached",
                $"All {license.Seats} seat(s) of licence {license.Key} are now in use. Add seats before activating another till.", device.BranchId);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another activation of this device, or of the licence's last seat, committed first.
            return Problems.Conflict("Another activation for this device or licence happened at the same moment. Try again.");
        }

        return TypedResults.Ok(Issue(key, license, seat, now));
    }

    private static async Task<Results<Ok<LicenseTokenResponse>, ProblemHttpResult>> Verify(
        VerifyLicenseRequest request, TillDbContext db, LicenseSigningKey key, TimeProvider clock, CancellationToken ct)
    {
        var deviceId = request.DeviceId!.Value;
        if (!MayActFor(db.Tenant, deviceId))
            return Problems.Forbidden("Verifying a till's licence needs the devices.manage permission, or must come from that till itself.");

        var now = clock.GetUtcNow().UtcDateTime;
        var seat = await db.LicenseActivations.FirstOrDefaultAsync(a => a.DeviceId == deviceId && a.DeactivatedAt == null, ct);
        if (seat is null) return Problems.NotFound("A licence seat for this device");
        if (!string.Equals(seat.Fingerprint, request.Fingerprint, StringComparison.Ordinal))
            return Problems.Forbidden("This seat is bound to other hardware (another fingerprint). Deactivate it and activate this till again.");

        var license = await db.Licenses.FirstAsync(l => l.Id == seat.LicenseId, ct);
        if (license.Status != LicenseStatus.Active) return Refusal(license, now)!;

        // An expired licence still verifies: the fresh token tells the till why it may not sell.
        seat.LastVerifiedAt = now;
        if (await db.Devices.FirstOrDefaultAsync(d => d.Id == deviceId, ct) is { } device) device.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Issue(key, license, seat, now));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(
        DeactivateLicenseRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var deviceId = request.DeviceId!.Value;
        if (!MayActFor(db.Tenant, deviceId))
            return Problems.Forbidden("Freeing a till's seat needs the devices.manage permission, or must come from that till itself.");

        var device = await db.Devices.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device is null || await LicenseSeats.ReleaseAsync(db, device, clock.GetUtcNow().UtcDateTime, "released", ct) is null)
            return Problems.NotFound("A licence seat for this device");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>A manager with devices.manage acts for any till of the tenant; a till acts for itself.</summary>
    private static bool MayActFor(TenantContext caller, Guid deviceId) =>
        caller.HasPermission(Permissions.DevicesManage) || caller.DeviceId == deviceId;

    private static ProblemHttpResult? Refusal(License license, DateTime now) => license.Status switch
    {
        LicenseStatus.Suspended => Problems.Unprocessable($"Licence {license.Key} is suspended. Contact your Till provider."),
        LicenseStatus.Revoked => Problems.Unprocessable($"Licence {license.Key} has been revoked."),
        _ when license.ExpiresAt <= now => Problems.Unprocessable($"Licence {license.Key} expired on {LicenseExpiryCheck.Format(license.ExpiresAt)}. Renew it to activate tills."),
        _ => null,
    };

    private static bool SeatLimitAlertDue(License license, DateTime now)
    {
        if (license.SeatLimitAlertedAt is { } last && now - last < LicenseAlerts.SeatLimitRepeat) return false;
        license.SeatLimitAlertedAt = now;
        return true;
    }

    private static LicenseTokenResponse Issue(LicenseSigningKey key, License license, LicenseActivation seat, DateTime now)
    {
        var claims = seat.ToClaims(license, key.KeyId, now);
        var decision = LicenseRules.Evaluate(claims, now);
        return new LicenseTokenResponse(key.Sign(claims), seat.Id, license.Id, license.Key, seat.DeviceId, license.Plan, license.Features,
            seat.ActivatedAt, seat.LastVerifiedAt, claims.VerifyBy, license.ExpiresAt, LicenseDecisionDto.From(decision), key.KeyId, key.PublicKeyPem);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
