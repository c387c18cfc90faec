using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Till.Server.Auth;

/// <summary>
/// Validates access tokens as <see cref="JsonWebTokenHandler"/> does, and remembers each valid token until it
/// expires: a till sends the same token with every request for its quarter of an hour, and checking its
/// signature and turning its claims (one per permission) into objects again each time was about a twentieth of
/// a checkout's CPU. A remembered token is still refused once it expires (or before it is valid), with the
/// clock skew the parameters allow; a token that failed is never remembered, so it is checked in full every time.
/// </summary>
/// <remarks>
/// Access tokens cannot be revoked before they expire (refresh tokens can), and the signing key, issuer and
/// audience are fixed for the life of the process, so a token valid once is valid until its expiry. The claims
/// identity of a remembered token is shared by the requests that send it; nothing adds claims to it.
/// </remarks>
internal sealed class CachingTokenHandler : JsonWebTokenHandler
{
    /// <summary>At most this many tokens are remembered (a till or a signed-in user each has one at a time).</summary>
    internal const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, TokenValidationResult> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out var known))
        {
            if (InLifetime(known.SecurityToken, validationParameters.ClockSkew)) return known;
            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is not null)
        {
            if (_valid.Count >= Capacity) Prune(validationParameters.ClockSkew);
            _valid[token] = result;
        }
        return result;
    }

    /// <summary>Whether the token is within its lifetime now, by the clock the handler's own check reads.</summary>
    private static bool InLifetime(SecurityToken token, TimeSpan skew)
    {
        var now = DateTime.UtcNow;
        return token.ValidTo != DateTime.MinValue && now <= token.ValidTo + skew
            && (token.ValidFrom == DateTime.MinValue || now >= token.ValidFrom - skew);
    }

    /// <summary>Forgets the expired tokens; when that frees too little, all of them (each is checked again on its next use).</summary>
    private void Prune(TimeSpan skew)
    {
        foreach (var (token, result) in _valid)
            if (!InLifetime(result.SecurityToken, skew)) _valid.TryRemove(token, out _);
        if (_valid.Count >= Capacity * 3 / 4) _valid.Clear();
    }
}
