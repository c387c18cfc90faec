using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Licensing;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Licensing;

/// <summary>
/// One seat of a licence held by one device, bound to its hardware fingerprint. Freeing the seat
/// keeps the row (with <see cref="DeactivatedAt"/>) as history for the back office.
/// </summary>
internal sealed class LicenseActivation : SyncEntity
{
    public Guid LicenseId { get; set; }
    public Guid DeviceId { get; set; }
    public required string Fingerprint { get; set; }
    public DateTime ActivatedAt { get; set; }

    /// <summary>The last time the server confirmed this seat; the next verification is due 30 days later.</summary>
    public DateTime LastVerifiedAt { get; set; }
    public DateTime? DeactivatedAt { get; set; }
    public Guid? ActivatedByUserId { get; set; }
    public Guid? DeactivatedByUserId { get; set; }

    public bool IsActive => DeactivatedAt is null;

    public DateTime VerifyBy => LastVerifiedAt + LicenseRules.VerificationInterval;

    /// <summary>What the signed token says about this seat, as of <paramref name="issuedAt"/>.</summary>
    public LicenseClaims ToClaims(License license, string keyId, DateTime issuedAt) => new()
    {
        KeyId = keyId,
        LicenseId = license.Id,
        SeatId = Id,
        TenantId = TenantId,
        DeviceId = DeviceId,
        Fingerprint = Fingerprint,
        Plan = license.Plan,
        Features = [.. license.Features],
        IssuedAt = issuedAt,
        ExpiresAt = license.ExpiresAt,
        VerifiedAt = LastVerifiedAt,
        VerifyBy = VerifyBy,
    };
}

internal sealed class LicenseActivationConfiguration : IEntityTypeConfiguration<LicenseActivation>
{
    public void Configure(EntityTypeBuilder<LicenseActivation> b)
    {
        // A device holds at most one seat at a time, whichever licence it is on.
        b.HasIndex(x => new { x.TenantId, x.DeviceId }).IsUnique().HasFilter("deactivated_at IS NULL AND is_deleted = false");
        b.HasIndex(x => new { x.LicenseId, x.DeactivatedAt });
        b.HasOne<License>().WithMany().HasForeignKey(x => x.LicenseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Fingerprint).HasMaxLength(200);
        b.Ignore(x => x.IsActive);
        b.Ignore(x => x.VerifyBy);
    }
}
