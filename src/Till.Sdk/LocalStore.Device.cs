using Till.Sdk.Internal;

namespace Till.Sdk;

// The device's identity and session, kept with the data they belong to (and so in every backup).
public sealed partial class LocalStore
{
    /// <summary>The activated device, or null before activation.</summary>
    public DeviceProfile? Device => Meta(MetaKeys.Device) is { } json ? SdkJson.Deserialize<DeviceProfile>(json) : null;

    /// <summary>Stores the device identity (activation).</summary>
    public void SaveDevice(DeviceProfile device) => Write(tx =>
    {
        SetMeta(tx, MetaKeys.Device, SdkJson.Serialize(device));
        return 0;
    });

    /// <summary>The last saved session, or null.</summary>
    public SessionTokens? Tokens => Meta(MetaKeys.Tokens) is { } json ? SdkJson.Deserialize<SessionTokens>(json) : null;

    /// <summary>Persists a (rotated) session so a restarted terminal keeps syncing.</summary>
    public void SaveTokens(SessionTokens tokens) => Write(tx =>
    {
        SetMeta(tx, MetaKeys.Tokens, SdkJson.Serialize(tokens));
        return 0;
    });

    /// <summary>The signed licence token the device received at activation or last verification.</summary>
    public string? LicenseToken => Meta(MetaKeys.LicenseToken);

    /// <summary>Stores the signed licence token.</summary>
    public void SaveLicenseToken(string? token) => Write(tx =>
    {
        SetMeta(tx, MetaKeys.LicenseToken, token);
        return 0;
    });

    /// <summary>The server's licence public key (PEM) received at activation, to verify the token offline.</summary>
    public string? LicensePublicKey => Meta(MetaKeys.LicensePublicKey);

    /// <summary>Stores the signed licence token and the key that verifies it.</summary>
    public void SaveLicense(string token, string publicKeyPem) => Write(tx =>
    {
        SetMeta(tx, MetaKeys.LicenseToken, token);
        SetMeta(tx, MetaKeys.LicensePublicKey, publicKeyPem);
        return 0;
    });

    /// <summary>When a push or pull last succeeded, or null.</summary>
    public DateTime? LastSyncAt => Meta(MetaKeys.LastSyncAt) is { } t ? ParseTime(t) : null;
}
