using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Till.Server.Auth;

/// <summary>Mints access tokens (JWT, HS256) and opaque refresh tokens.</summary>
internal sealed class TokenService(IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public JwtOptions Options => options.Value;

    public (string Token, int ExpiresIn) CreateAccessToken(User user, Role role, Tenancy.Device? device)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(TillClaims.UserId, user.Id.ToString()),
            new(TillClaims.TenantId, user.TenantId.ToString()),
            new(TillClaims.Username, user.Username),
            new(TillClaims.Role, role.Name),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (user.BranchId is { } branch) claims.Add(new(TillClaims.BranchId, branch.ToString()));
        if (device is not null)
        {
            claims.Add(new(TillClaims.DeviceId, device.Id.ToString()));
            claims.Add(new(TillClaims.DeviceBranchId, device.BranchId.ToString()));
        }
        if (user.IsSuperAdmin) claims.Add(new(TillClaims.SuperAdmin, "true"));
        claims.AddRange(role.Permissions.Select(p => new Claim(TillClaims.Permission, p)));

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(o.AccessTokenMinutes),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(o.KeyBytes), SecurityAlgorithms.HmacSha256),
        };
        return (_handler.CreateToken(descriptor), o.AccessTokenMinutes * 60);
    }

    public TokenValidationParameters ValidationParameters() => CreateValidationParameters(options.Value);

    public static TokenValidationParameters CreateValidationParameters(JwtOptions o) => new()
    {
        ValidIssuer = o.Issuer,
        ValidAudience = o.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(o.KeyBytes),
        // Only HS256: "alg": "none" and algorithm confusion are refused.
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = TillClaims.Username,
        RoleClaimType = TillClaims.Role,
    };

    /// <summary>A new opaque refresh token and the hash stored for it.</summary>
    public static (string Token, string Hash) CreateRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, HashRefreshToken(token));
    }

    public static string HashRefreshToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
