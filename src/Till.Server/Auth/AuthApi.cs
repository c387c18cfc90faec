using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Sync;
using Till.Server.Api;
using Till.Server.Audit;
using Till.Server.Data;
using Till.Server.Hosting;
using Till.Server.Tenancy;

namespace Till.Server.Auth;

internal static class AuthApi
{
    private const string BadCredentials = "Unknown tenant, username or password.";

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimitingExtensions.LoginPolicy);
        group.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(RateLimitingExtensions.LoginPolicy);
        group.MapPost("/logout", Logout).AllowAnonymous();
        group.MapGet("/me", async Task<Results<Ok<UserProfile>, NotFound>> (TillDbContext db, CancellationToken ct) =>
            await LoadProfileAsync(db, db.Tenant.UserId ?? Guid.Empty, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound())
            .RequireAuthorization();
        group.MapPut("/password", ChangePassword).RequireAuthorization();
        return group;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> Login(
        LoginRequest request, TillDbContext db, TokenService tokens, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var options = tokens.Options;
        var code = request.Tenant!.Trim().ToLowerInvariant();
        var username = request.Username!.Trim().ToLowerInvariant();

        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Code == code && t.IsActive, ct);
        if (tenant is null)
        {
            PasswordHasher.Verify(request.Password!, PasswordHasher.Decoy);
            return Problems.Unauthorized(BadCredentials);
        }

        db.Tenant.Use(tenant.Id);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct);
        if (user is null)
        {
            PasswordHasher.Verify(request.Password!, PasswordHasher.Decoy);
            return Problems.Unauthorized(BadCredentials);
        }

        if (user.LockoutEndsAt > now) return Locked(http, user.LockoutEndsAt.Value - now);

        if (!PasswordHasher.Verify(request.Password!, user.PasswordHash))
        {
            // One atomic statement, so concurrent guesses cannot slip past the counter.
            var lockUntil = now.AddMinutes(options.LockoutMinutes);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEndsAt, u => u.FailedLoginCount + 1 >= options.MaxFailedLogins ? lockUntil : u.LockoutEndsAt)
                .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= options.MaxFailedLogins ? 0 : u.FailedLoginCount + 1), ct);
            AddAuthEvent(db, user, "auth.login_failed", now, request.DeviceId);
            await db.SaveChangesAsync(ct);
            var lockedNow = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.LockoutEndsAt).FirstAsync(ct);
            return lockedNow > now ? Locked(http, lockedNow.Value - now) : Problems.Unauthorized(BadCredentials);
        }

        if (!user.IsActive) return Problems.Forbidden("This account is disabled. Ask a manager to enable it.");

        if (request.DeviceId is { } deviceId && !await db.Devices.AnyAsync(d => d.Id == deviceId && d.IsActive, ct))
            return Problems.Validation("device_id", "No active device with this id in the tenant.");

        user.FailedLoginCount = 0;
        user.LockoutEndsAt = null;
        user.LastLoginAt = now;
        AddAuthEvent(db, user, "auth.login", now, request.DeviceId);
        var response = await IssueAsync(db, tokens, user, RowId.New(), request.DeviceId, now, http, ct);
        return response is null ? Problems.Unauthorized(BadCredentials) : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, TillDbContext db, TokenService tokens, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenService.HashRefreshToken(request.RefreshToken!);
        var token = await db.RefreshTokens.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
            return Problems.Unauthorized("The refresh token is invalid or expired. Log in again.");

        // Claim the token atomically: of two concurrent refreshes with one token, exactly one wins.
        var claimed = token.ConsumedAt is null && await db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.Id == token.Id && t.ConsumedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), ct) == 1;
        if (!claimed)
        {
            // A used token came back: someone has a copy. Sign the whole login out.
            await RevokeFamilyAsync(db, token.FamilyId, now, ct);
            return Problems.Unauthorized("This refresh token was already used. Every session of this login has been signed out; log in again.");
        }

        db.Tenant.Use(token.TenantId, token.UserId);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (user is null || !user.IsActive)
        {
            await RevokeFamilyAsync(db, token.FamilyId, now, ct);
            return Problems.Unauthorized("The account no longer exists or is disabled.");
        }

        var response = await IssueAsync(db, tokens, user, token.FamilyId, token.DeviceId, now, http, ct);
        return response is null ? Problems.Unauthorized("The account's role no longer exists.") : TypedResults.Ok(response);
    }

    private static async Task<NoContent> Logout(LogoutRequest? request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (request?.RefreshToken is { Length: > 0 } raw)
        {
            var hash = TokenService.HashRefreshToken(raw);
            var family = await db.RefreshTokens.IgnoreQueryFilters().Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(ct);
            if (family is { } f) await RevokeFamilyAsync(db, f, now, ct);
        }

        if (request?.Everywhere == true && db.Tenant.UserId is { } userId)
            await RevokeAllForUserAsync(db, userId, now, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == db.Tenant.UserId, ct);
        if (user is null) return Problems.NotFound("The user");
        if (!PasswordHasher.Verify(request.CurrentPassword!, user.PasswordHash))
            return Problems.Forbidden("The current password is wrong.");

        var now = clock.GetUtcNow().UtcDateTime;
        user.PasswordHash = PasswordHasher.Hash(request.NewPassword!);
        user.PasswordChangedAt = now;
        await db.SaveChangesAsync(ct);
        await RevokeAllForUserAsync(db, user.Id, now, ct);
        return TypedResults.NoContent();
    }

    private static async Task<TokenResponse?> IssueAsync(
        TillDbContext db, TokenService tokens, User user, Guid familyId, Guid? deviceId, DateTime now, HttpContext http, CancellationToken ct)
    {
        var profile = await LoadProfileAsync(db, user.Id, ct, tracked: user);
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == user.RoleId, ct);
        if (profile is null || role is null) return null;

        var (refresh, hash) = TokenService.CreateRefreshToken();
        db.RefreshTokens.Add(new RefreshToken
        {
            TenantId = user.TenantId,
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = hash,
            DeviceId = deviceId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(tokens.Options.RefreshTokenDays),
            CreatedByIp = http.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(ct);

        var device = deviceId is { } d ? await db.Devices.AsNoTracking().FirstOrDefaultAsync(x => x.Id == d, ct) : null;
        var (access, expiresIn) = tokens.CreateAccessToken(user, role, device);
        return new TokenResponse(access, refresh, "Bearer", expiresIn, profile);
    }

    internal static async Task<UserProfile?> LoadProfileAsync(TillDbContext db, Guid userId, CancellationToken ct, User? tracked = null)
    {
        var user = tracked ?? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == user.RoleId, ct);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
        return role is null ? null : new UserProfile(user.Id, user.Username, user.FullName, user.Email, role.Name,
            role.Permissions, user.BranchId, user.IsSuperAdmin, new TenantSummary(tenant.Id, tenant.Code, tenant.Name));
    }

    internal static Task<int> RevokeAllForUserAsync(TillDbContext db, Guid userId, DateTime now, CancellationToken ct) =>
        db.RefreshTokens.IgnoreQueryFilters().Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);

    private static Task<int> RevokeFamilyAsync(TillDbContext db, Guid familyId, DateTime now, CancellationToken ct) =>
        db.RefreshTokens.IgnoreQueryFilters().Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);

    private static void AddAuthEvent(TillDbContext db, User user, string action, DateTime now, Guid? deviceId) => db.AuditLogs.Add(new AuditEntry
    {
        TenantId = user.TenantId,
        UserId = user.Id,
        DeviceId = deviceId ?? db.Tenant.DeviceId,
        Action = action,
        EntityType = nameof(User),
        EntityId = user.Id.ToString(),
        IpAddress = db.Tenant.IpAddress,
        UserAgent = db.Tenant.UserAgent,
        CreatedAt = now,
    });

    private static ProblemHttpResult Locked(HttpContext http, TimeSpan remaining)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"Too many wrong passwords: this account is locked for {Math.Ceiling(remaining.TotalMinutes)} more minutes.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Account locked",
            extensions: new Dictionary<string, object?> { ["retry_after_seconds"] = seconds });
    }
}
