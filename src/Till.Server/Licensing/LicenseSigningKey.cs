using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Till.Core.Licensing;
using Till.Server.Hosting;

namespace Till.Server.Licensing;

/// <summary>
/// The server's licence signing key: the configured PEM, else the key file in the data folder,
/// generated with owner-only permissions the first time the server starts without one.
/// </summary>
internal sealed partial class LicenseSigningKey : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly ECDsa _key;

    public LicenseSigningKey(IOptions<LicensingOptions> options, IOptions<TillOptions> till, IHostEnvironment environment, ILogger<LicenseSigningKey> logger)
    {
        var o = options.Value;
        _key = ECDsa.Create();
        try
        {
            if (!string.IsNullOrWhiteSpace(o.SigningKeyPem))
            {
                _key.ImportFromPem(o.SigningKeyPem);
                Source = "configuration";
            }
            else
            {
                var path = Path.IsPathRooted(o.SigningKeyPath)
                    ? o.SigningKeyPath
                    : Path.Combine(till.Value.ResolveDataDirectory(environment.ContentRootPath), o.SigningKeyPath);
                LoadOrCreate(path, logger);
                Source = path;
            }

            LicenseToken.RequireP256(_key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            _key.Dispose();
            throw new InvalidOperationException("The licence signing key is not an ECDSA P-256 private key in PEM form (Licensing:SigningKeyPem or Licensing:SigningKeyPath).", e);
        }

        KeyId = LicenseToken.KeyIdOf(_key);
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Where the key came from: "configuration" or the file path.</summary>
    public string Source { get; }
    public string KeyId { get; }

    /// <summary>SubjectPublicKeyInfo PEM, published for terminals at <c>GET /api/license/public-key</c>.</summary>
    public string PublicKeyPem { get; }

    public string Sign(LicenseClaims claims) => LicenseToken.Sign(claims, _key);

    public void Dispose() => _key.Dispose();

    private void LoadOrCreate(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = generated.ExportPkcs8PrivateKeyPem();
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) file.UnixCreateMode = OwnerOnly;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, file);
                writer.Write(pem);
                LogGenerated(logger, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process sharing the data folder created it first: use theirs.
            }
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            LogTightened(logger, path);
            File.SetUnixFileMode(path, OwnerOnly);
        }

        _key.ImportFromPem(File.ReadAllText(path));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated a new licence signing key at {Path}. Back it up; in a multi-node deployment set Licensing:SigningKeyPem so every node signs with the same key")]
    private static partial void LogGenerated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The licence signing key {Path} was readable by other users; its permissions were set to owner-only")]
    private static partial void LogTightened(ILogger logger, string path);
}
