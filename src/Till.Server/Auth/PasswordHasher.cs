namespace Till.Server.Auth;

/// <summary>bcrypt for passwords and PINs.</summary>
internal static class PasswordHasher
{
    /// <summary>Work factor 11: about 100 ms a hash on a small server, slow enough for guessing.</summary>
    public const int WorkFactor = 11;

    public static string Hash(string secret) => BCrypt.Net.BCrypt.EnhancedHashPassword(secret, WorkFactor);

    public static bool Verify(string secret, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.EnhancedVerify(secret, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    /// <summary>A valid hash that matches nothing: verifying against it costs the same time as a real one.</summary>
    public static readonly string Decoy = Hash(Guid.NewGuid().ToString());
}
