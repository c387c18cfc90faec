using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Licensing;

/// <summary>
/// A tenant's right to run a number of tills (seats) on a plan until an expiry date. Created by a
/// platform super-admin; each device that activates takes one seat (<see cref="LicenseActivation"/>).
/// </summary>
internal sealed class License : SyncEntity
{
    /// <summary>What an owner types on a till, e.g. <c>TILL-7KQ2M-X9D4A-...</c>; unique across tenants.</summary>
    public required string Key { get; set; }
    public required string Plan { get; set; }

    /// <summary>How many devices may hold a seat at once.</summary>
    public int Seats { get; set; }
    public List<string> Features { get; set; } = [];
    public DateTime IssuedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public LicenseStatus Status { get; set; } = LicenseStatus.Active;
    public string? Notes { get; set; }
    public Guid? IssuedByUserId { get; set; }

    /// <summary>
    /// Touched whenever a seat is taken or freed. Because it bumps the concurrency-checked version,
    /// two devices racing for the last seat cannot both win.
    /// </summary>
    [NotAudited]
    public DateTime? SeatsChangedAt { get; set; }

    [NotAudited]
    public DateTime? ExpiringAlertedAt { get; set; }

    [NotAudited]
    public DateTime? ExpiredAlertedAt { get; set; }

    [NotAudited]
    public DateTime? SeatLimitAlertedAt { get; set; }

    private const string KeyAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new random key: four groups of five Crockford base-32 characters (100 bits).</summary>
    public static string NewKey()
    {
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = KeyAlphabet[RandomNumberGenerator.GetInt32(KeyAlphabet.Length)];
        return $"TILL-{chars[..5]}-{chars[5..10]}-{chars[10..15]}-{chars[15..]}";
    }

    /// <summary>Keys are compared upper-case, with surrounding spaces ignored.</summary>
    public static string NormalizeKey(string key) => key.Trim().ToUpperInvariant();
}

internal sealed class LicenseConfiguration : IEntityTypeConfiguration<License>
{
    public void Configure(EntityTypeBuilder<License> b)
    {
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.ExpiresAt);
        b.Property(x => x.Key).HasMaxLength(40);
        b.Property(x => x.Plan).HasMaxLength(50);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Notes).HasMaxLength(500);
        b.PrimitiveCollection(x => x.Features);
    }
}
