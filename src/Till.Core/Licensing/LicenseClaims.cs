namespace Till.Core.Licensing;

/// <summary>
/// What a signed licence token says about one device's seat. The server signs it at activation and
/// at every verification; the terminal checks it offline with the server's public key.
/// All times are UTC.
/// </summary>
public sealed record LicenseClaims
{
    /// <summary>Format version of the payload; a terminal refuses versions it does not know.</summary>
    public int Version { get; init; } = LicenseToken.FormatVersion;

    /// <summary>Which signing key made the signature (see <see cref="LicenseToken.KeyIdOf"/>).</summary>
    public required string KeyId { get; init; }

    public required Guid LicenseId { get; init; }

    /// <summary>The seat (activation) this device holds; the same on every re-activation.</summary>
    public required Guid SeatId { get; init; }

    public required Guid TenantId { get; init; }
    public required Guid DeviceId { get; init; }

    /// <summary>The hardware fingerprint the seat is bound to.</summary>
    public required string Fingerprint { get; init; }

    public required string Plan { get; init; }
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>When this token was signed.</summary>
    public required DateTime IssuedAt { get; init; }

    /// <summary>When the licence itself ends; no verification extends it.</summary>
    public required DateTime ExpiresAt { get; init; }

    /// <summary>The last time the server confirmed the seat.</summary>
    public required DateTime VerifiedAt { get; init; }

    /// <summary>When the next verification is due (<see cref="VerifiedAt"/> + 30 days).</summary>
    public required DateTime VerifyBy { get; init; }
}
