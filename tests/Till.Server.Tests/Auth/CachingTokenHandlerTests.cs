using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Till.Server.Auth;

namespace Till.Server.Tests.Auth;

/// <summary>The server remembers valid access tokens, and only until they expire; a refused token is never remembered.</summary>
public sealed class CachingTokenHandlerTests
{
    private const string Key = "till-test-signing-key-0123456789-abcdefghijklmnop";

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = "till", ValidAudience = "till", IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256], RequireExpirationTime = true, ClockSkew = TimeSpan.Zero,
    };

    [Fact]
    public async Task AValidToken_IsRemembered_AndItsClaimsAreReadOnce()
    {
        var handler = new CachingTokenHandler();
        var token = Mint(Key, DateTime.UtcNow.AddMinutes(5));

        var first = await handler.ValidateTokenAsync(token, Parameters);
        var second = await handler.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.Same(first, second);
        Assert.Same(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("sales.create", second.ClaimsIdentity.FindFirst("perm")?.Value);
    }

    [Fact]
    public async Task ARememberedToken_IsRefused_OnceItExpires()
    {
        var handler = new CachingTokenHandler();
        var expires = DateTime.UtcNow.AddSeconds(2);
        var token = Mint(Key, expires);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters)).IsValid);

        // Waits for the expiry itself (no clock skew allowed here); nothing is timed.
        var left = expires - DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
        if (left > TimeSpan.Zero) await Task.Delay(left);

        var later = await handler.ValidateTokenAsync(token, Parameters);
        Assert.False(later.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(later.Exception);
    }

    [Fact]
    public async Task AForgedToken_IsRefusedEveryTime_AndNeverRemembered()
    {
        var handler = new CachingTokenHandler();
        var forged = Mint("an-attacker-key-that-is-long-enough-0123456789", DateTime.UtcNow.AddMinutes(5));

        Assert.False((await handler.ValidateTokenAsync(forged, Parameters)).IsValid);
        var again = await handler.ValidateTokenAsync(forged, Parameters);

        Assert.False(again.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(again.Exception, exactMatch: false);
    }

    private static string Mint(string key, DateTime expires) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "till", Audience = "till", IssuedAt = DateTime.UtcNow.AddMinutes(-1), NotBefore = DateTime.UtcNow.AddMinutes(-1), Expires = expires,
        Subject = new ClaimsIdentity([new("sub", Guid.NewGuid().ToString()), new("tid", Guid.NewGuid().ToString()), new("perm", "sales.create")]),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
