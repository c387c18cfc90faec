using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Till.Server.Hosting;

namespace Till.Server.Auth;

internal sealed class JwtOptions
{
    public const string Section = "Jwt";
    public const int MinimumKeyBytes = 32;

    /// <summary>HMAC-SHA256 key for access tokens; at least 32 bytes. Required in Production.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "till";
    public string Audience { get; set; } = "till";
    public int AccessTokenMinutes { get; set; } = 15;
    public int RefreshTokenDays { get; set; } = 7;

    /// <summary>Consecutive wrong passwords before the account locks.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;

    public byte[] KeyBytes => Encoding.UTF8.GetBytes(SigningKey ?? "");
}

/// <summary>
/// Outside Production a missing key is generated once and kept in the data folder, so that the
/// zero-configuration start works and tokens survive a restart. Production must configure one.
/// </summary>
internal sealed class JwtOptionsSetup(IHostEnvironment environment, IOptions<TillOptions> till) : IPostConfigureOptions<JwtOptions>
{
    public void PostConfigure(string? name, JwtOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey) || environment.IsProduction()) return;

        var path = Path.Combine(till.Value.ResolveDataDirectory(environment.ContentRootPath), "jwt-signing.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        options.SigningKey = File.ReadAllText(path).Trim();
    }
}

internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
            errors.Add("Jwt:SigningKey is not set. Set a random key of at least 32 bytes, e.g. the environment variable Jwt__SigningKey.");
        else if (options.KeyBytes.Length < MinimumKeyBytes)
            errors.Add($"Jwt:SigningKey is {options.KeyBytes.Length} bytes; it must be at least {MinimumKeyBytes} bytes.");
        if (options.AccessTokenMinutes is < 1 or > 1440) errors.Add("Jwt:AccessTokenMinutes must be between 1 and 1440.");
        if (options.RefreshTokenDays is < 1 or > 365) errors.Add("Jwt:RefreshTokenDays must be between 1 and 365.");
        if (options.MaxFailedLogins < 1) errors.Add("Jwt:MaxFailedLogins must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private const int MinimumKeyBytes = JwtOptions.MinimumKeyBytes;
}
