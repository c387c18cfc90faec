using System.Security.Cryptography;

namespace Till.Core.Licensing;

/// <summary>
/// Checks a licence token offline: the server's signature, this device's id and fingerprint, then
/// the dates by <see cref="LicenseRules"/>. Holds only the server's public key.
/// </summary>
public sealed class LicenseVerifier : IDisposable
{
    private readonly ECDsa _publicKey;

    public LicenseVerifier(ECDsa publicKey)
    {
        LicenseToken.RequireP256(publicKey);
        _publicKey = publicKey;
        KeyId = LicenseToken.KeyIdOf(publicKey);
    }

    /// <summary>The id of the key this verifier trusts (it must match the token's <c>key_id</c>).</summary>
    public string KeyId { get; }

    /// <summary>From the PEM the server publishes at <c>GET /api/license/public-key</c>.</summary>
    public static LicenseVerifier FromPem(string publicKeyPem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
            return new LicenseVerifier(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>From DER-encoded SubjectPublicKeyInfo bytes.</summary>
    public static LicenseVerifier FromSubjectPublicKeyInfo(ReadOnlySpan<byte> spki)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return new LicenseVerifier(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Decides whether the device <paramref name="deviceId"/> with hardware <paramref name="fingerprint"/>
    /// may sell at <paramref name="nowUtc"/> under <paramref name="token"/>. Never throws on bad input.
    /// </summary>
    public LicenseDecision Check(string? token, Guid deviceId, string fingerprint, DateTime nowUtc)
    {
        if (!LicenseToken.TryRead(token, _publicKey, out var claims, out var problem)) return LicenseDecision.Invalid(problem);

        if (!string.Equals(claims!.KeyId, KeyId, StringComparison.Ordinal))
            return LicenseDecision.Invalid("The licence was signed with a key this till does not trust. Activate this till again.");

        if (claims.DeviceId != deviceId || !string.Equals(claims.Fingerprint, fingerprint, StringComparison.Ordinal))
            return LicenseDecision.Invalid("This licence belongs to another device. Activate this till to get its own seat.");

        return LicenseRules.Evaluate(claims, nowUtc);
    }

    public void Dispose() => _publicKey.Dispose();
}
