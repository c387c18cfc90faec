namespace Till.Core.Licensing;

/// <summary>
/// The answer to "may this device sell now?": the state, a reason a cashier or owner can act on,
/// and the verified claims when the token was genuine.
/// </summary>
public sealed record LicenseDecision(LicenseState State, string Reason, LicenseClaims? Claims = null, DateTime? GraceEndsAt = null)
{
    /// <summary>New sales are allowed only while the licence is valid or in grace.</summary>
    public bool CanSell => State is LicenseState.Valid or LicenseState.Grace;

    /// <summary>
    /// Whether <paramref name="operation"/> may run. Only new sales depend on the licence: data,
    /// sync, refunds of earlier sales and reports keep working so nothing already sold is lost.
    /// </summary>
    public bool Allows(LicensedOperation operation) => operation != LicensedOperation.Sell || CanSell;

    /// <summary>True when the licence is usable for selling and its plan includes <paramref name="feature"/>.</summary>
    public bool HasFeature(string feature) =>
        CanSell && Claims is not null && Claims.Features.Contains(feature, StringComparer.OrdinalIgnoreCase);

    public static LicenseDecision Invalid(string reason) => new(LicenseState.Invalid, reason);
}
