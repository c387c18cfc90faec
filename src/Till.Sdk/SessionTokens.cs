namespace Till.Sdk;

/// <summary>A signed-in session: the short-lived access token and the rotating refresh token.</summary>
/// <param name="AccessToken">JWT sent as the bearer token.</param>
/// <param name="RefreshToken">Opaque token exchanged for a new pair; rotated on every use.</param>
/// <param name="UserId">The signed-in user.</param>
public sealed record SessionTokens(string AccessToken, string RefreshToken, Guid UserId);
