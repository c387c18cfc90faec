using System.Collections.Concurrent;
using System.Security.Cryptography;
using Till.Sdk;

namespace Till.Terminal;

/// <summary>PIN sign-in of cashiers against the mirrored users; works offline. Sessions live in memory.</summary>
internal sealed class CashierSessions(TerminalHost host)
{
    private readonly ConcurrentDictionary<string, Guid> _sessions = new();

    /// <summary>Returns a session token, or null when the user or PIN does not match.</summary>
    public string? SignIn(string username, string pin)
    {
        var user = host.Store.GetEntities("user").FirstOrDefault(u =>
            u.Data.TryGetProperty("username", out var name) && string.Equals(name.GetString(), username, StringComparison.OrdinalIgnoreCase));
        if (user is null || user.Data.TryGetProperty("is_active", out var active) && !active.GetBoolean()) return null;
        if (!user.Data.TryGetProperty("pin_hash", out var hash) || hash.GetString() is not { } pinHash) return null;
        if (!BCrypt.Net.BCrypt.EnhancedVerify(pin, pinHash)) return null;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _sessions[token] = user.Id;
        return token;
    }

    /// <summary>The cashier behind a session token, or null.</summary>
    public Guid? Cashier(string? token) => token is not null && _sessions.TryGetValue(token, out var id) ? id : null;

    public void SignOut(string token) => _sessions.TryRemove(token, out _);

    /// <summary>True when the mirrored user has a PIN (the server syncs <c>pin_hash</c>).</summary>
    public bool HasPin(StoredEntity user) => user.Data.TryGetProperty("pin_hash", out var h) && h.ValueKind == System.Text.Json.JsonValueKind.String;
}
