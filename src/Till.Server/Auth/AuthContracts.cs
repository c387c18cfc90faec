using System.ComponentModel.DataAnnotations;

namespace Till.Server.Auth;

internal sealed record LoginRequest
{
    [Required, StringLength(50)]
    public string? Tenant { get; init; }

    [Required, StringLength(64)]
    public string? Username { get; init; }

    [Required, StringLength(200)]
    public string? Password { get; init; }

    /// <summary>The terminal signing in, when it is one; it goes into the token.</summary>
    public Guid? DeviceId { get; init; }
}

internal sealed record RefreshRequest
{
    [Required, StringLength(200)]
    public string? RefreshToken { get; init; }
}

internal sealed record LogoutRequest
{
    [StringLength(200)]
    public string? RefreshToken { get; init; }

    /// <summary>Also sign out every other session of the caller.</summary>
    public bool Everywhere { get; init; }
}

internal sealed record ChangePasswordRequest
{
    [Required, StringLength(200)]
    public string? CurrentPassword { get; init; }

    [Required, StringLength(200, MinimumLength = 8)]
    public string? NewPassword { get; init; }
}

internal sealed record TenantSummary(Guid Id, string Code, string Name);

internal sealed record UserProfile(
    Guid Id, string Username, string FullName, string? Email, string Role, IReadOnlyList<string> Permissions,
    Guid? BranchId, bool IsSuperAdmin, TenantSummary Tenant);

internal sealed record TokenResponse(
    string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UserProfile User);
