using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Till.Core.Licensing;

/// <summary>
/// The licence token: <c>base64url(JSON claims) + "." + base64url(ECDSA P-256 SHA-256 signature)</c>,
/// the signature (IEEE P1363, 64 bytes) taken over the ASCII text of the first part, as in a JWS.
/// </summary>
public static class LicenseToken
{
    public const int FormatVersion = 1;

    /// <summary>Longer input is refused before any decoding.</summary>
    public const int MaxLength = 8192;

    private const int SignatureBytes = 64;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Signs <paramref name="claims"/> with the server's P-256 private key.</summary>
    public static string Sign(LicenseClaims claims, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(claims);
        RequireP256(privateKey);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json));
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(payload), HashAlgorithmName.SHA256);
        return payload + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// Checks the signature with <paramref name="publicKey"/> and reads the claims. Says nothing
    /// about dates or devices: see <see cref="LicenseVerifier"/> for the whole check.
    /// </summary>
    public static bool TryRead(string? token, ECDsa publicKey, out LicenseClaims? claims, out string problem)
    {
        claims = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            problem = "This till has no licence. Activate it with the server to start selling.";
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > MaxLength || dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            problem = "The licence token is damaged. Activate this till again.";
            return false;
        }

        var payloadText = token.AsSpan(0, dot);
        Span<byte> signature = stackalloc byte[SignatureBytes + 2];
        // TryDecodeFromChars throws on characters outside the alphabet; check them first.
        if (!Base64Url.IsValid(payloadText) || !Base64Url.IsValid(token.AsSpan(dot + 1))
            || !Base64Url.TryDecodeFromChars(token.AsSpan(dot + 1), signature, out var signatureLength) || signatureLength != SignatureBytes)
        {
            problem = "The licence token is damaged. Activate this till again.";
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(payloadText.ToString());
        if (!publicKey.VerifyData(signed, signature[..SignatureBytes], HashAlgorithmName.SHA256))
        {
            problem = "The licence signature is not valid: the token was altered or was not issued by this server.";
            return false;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(payloadText);
            claims = JsonSerializer.Deserialize<LicenseClaims>(payload, Json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            claims = null;
        }

        if (claims is null || claims.Version != FormatVersion)
        {
            claims = null;
            problem = "The licence token has a format this till does not understand. Update the till software.";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>A short id of a public key: base64url of the first 12 bytes of SHA-256 over its SubjectPublicKeyInfo.</summary>
    public static string KeyIdOf(ECDsa key)
    {
        var hash = SHA256.HashData(key.ExportSubjectPublicKeyInfo());
        return Base64Url.EncodeToString(hash.AsSpan(0, 12));
    }

    /// <summary>Throws unless <paramref name="key"/> is on the P-256 curve, the only one licence tokens use.</summary>
    public static void RequireP256(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256) throw new ArgumentException("Licence keys are ECDSA P-256.", nameof(key));
    }
}
