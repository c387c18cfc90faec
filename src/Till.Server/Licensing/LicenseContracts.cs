using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Till.Core.Licensing;

namespace Till.Server.Licensing;

internal sealed record GenerateLicenseRequest
{
    [Required] public Guid? TenantId { get; init; }

    [Required, StringLength(50), RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]*$", ErrorMessage = "Use letters, digits, '-' and '_' (e.g. 'pro').")]
    public string? Plan { get; init; }

    [Required, Range(1, 10_000)] public int? Seats { get; init; }

    /// <summary>Plan features the tills may switch on (e.g. <c>restaurant</c>, <c>loyalty</c>).</summary>
    [FeatureList] public List<string>? Features { get; init; }

    [Required] public DateTime? ExpiresAt { get; init; }

    [StringLength(500)] public string? Notes { get; init; }
}

/// <summary>A super-admin's change to a licence: renew, resize, suspend. Absent fields stay as they are.</summary>
internal sealed record UpdateLicenseRequest
{
    [StringLength(50), RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]*$", ErrorMessage = "Use letters, digits, '-' and '_' (e.g. 'pro').")]
    public string? Plan { get; init; }

    [Range(1, 10_000)] public int? Seats { get; init; }
    [FeatureList] public List<string>? Features { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public LicenseStatus? Status { get; init; }
    [StringLength(500)] public string? Notes { get; init; }
}

internal sealed record PlatformLicenseQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "tenant_id")] public Guid? TenantId { get; init; }
}

internal sealed record ActivateLicenseRequest
{
    /// <summary>Optional when the tenant has exactly one active licence.</summary>
    [StringLength(40)] public string? LicenseKey { get; init; }

    [Required] public Guid? DeviceId { get; init; }

    /// <summary>A stable hardware fingerprint computed by the till (e.g. a hash of machine ids).</summary>
    [Required, StringLength(200, MinimumLength = 8)] public string? Fingerprint { get; init; }
}

internal sealed record VerifyLicenseRequest
{
    [Required] public Guid? DeviceId { get; init; }
    [Required, StringLength(200, MinimumLength = 8)] public string? Fingerprint { get; init; }
}

internal sealed record DeactivateLicenseRequest
{
    [Required] public Guid? DeviceId { get; init; }
}

internal sealed record LicenseDto(
    Guid Id, Guid TenantId, string Key, string Plan, int Seats, int SeatsUsed, IReadOnlyList<string> Features,
    DateTime IssuedAt, DateTime ExpiresAt, LicenseStatus Status, string? Notes, DateTime CreatedAt);

internal sealed record SeatDto(
    Guid Id, Guid LicenseId, Guid DeviceId, string DeviceCode, string DeviceName, Guid BranchId, string Fingerprint,
    DateTime ActivatedAt, DateTime LastVerifiedAt, DateTime VerifyBy, DateTime? DeactivatedAt, bool IsActive);

internal sealed record LicenseDetailDto(LicenseDto License, IReadOnlyList<SeatDto> Activations);

/// <summary>A device holding a seat, as named in a 409 when the seats are used up.</summary>
internal sealed record SeatHolder(Guid DeviceId, string Code, string Name, DateTime ActivatedAt);

internal sealed record LicenseDecisionDto(LicenseState State, bool CanSell, string Reason, DateTime? GraceEndsAt)
{
    public static LicenseDecisionDto From(LicenseDecision d) => new(d.State, d.CanSell, d.Reason, d.GraceEndsAt);
}

/// <summary>The answer to activate and verify: the signed token the till keeps, and what it says.</summary>
internal sealed record LicenseTokenResponse(
    string Token, Guid SeatId, Guid LicenseId, string LicenseKey, Guid DeviceId, string Plan, IReadOnlyList<string> Features,
    DateTime ActivatedAt, DateTime VerifiedAt, DateTime VerifyBy, DateTime ExpiresAt, LicenseDecisionDto Decision,
    string KeyId, string PublicKey);

internal sealed record PublicKeyResponse(string Algorithm, string KeyId, string PublicKey);

internal static class LicenseProjections
{
    public static Expression<Func<License, LicenseDto>> Dto(IQueryable<LicenseActivation> activations) => l =>
        new LicenseDto(l.Id, l.TenantId, l.Key, l.Plan, l.Seats, activations.Count(a => a.LicenseId == l.Id && a.DeactivatedAt == null),
            l.Features, l.IssuedAt, l.ExpiresAt, l.Status, l.Notes, l.CreatedAt);
}
