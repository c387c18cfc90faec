using System.Globalization;

namespace Till.Core.Licensing;

/// <summary>
/// The offline rule, identical on the server and the terminal: a pure function of genuine claims
/// and the current time.
/// </summary>
public static class LicenseRules
{
    /// <summary>A seat must be verified with the server this often.</summary>
    public static readonly TimeSpan VerificationInterval = TimeSpan.FromDays(30);

    /// <summary>How long selling continues after verification falls due.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(7);

    /// <summary>A token issued further in the future than this means the device clock was turned back.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Decides what the licence allows at <paramref name="nowUtc"/>. Expiry wins over everything;
    /// before the verification date the licence is valid; for 7 days after it (inclusive) it is in
    /// grace; after that new sales are refused until the till verifies again.
    /// </summary>
    public static LicenseDecision Evaluate(LicenseClaims claims, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = AsUtc(nowUtc);
        var graceEnds = claims.VerifyBy + GracePeriod;

        if (claims.IssuedAt - now > ClockTolerance)
            return new(LicenseState.Invalid,
                $"This till's clock ({Format(now)}) is behind the time its licence was issued ({Format(claims.IssuedAt)}). Correct the date and time to keep selling.",
                claims);

        if (now >= claims.ExpiresAt)
            return new(LicenseState.Expired,
                $"The licence expired on {Format(claims.ExpiresAt)}. New sales are paused until it is renewed; refunds, reports and sync keep working.",
                claims);

        if (now < claims.VerifyBy)
            return new(LicenseState.Valid,
                $"Licensed ({claims.Plan}) until {Format(claims.ExpiresAt)}; next check with the server by {Format(claims.VerifyBy)}.",
                claims, graceEnds);

        if (now <= graceEnds)
        {
            var daysLeft = Math.Max(0, (int)Math.Ceiling((graceEnds - now).TotalDays));
            return new(LicenseState.Grace,
                $"The licence has not been checked with the server since {Format(claims.VerifiedAt)}. Connect this till to the internet by {Format(graceEnds)} ({daysLeft} day(s) of grace left) to keep selling.",
                claims, graceEnds);
        }

        return new(LicenseState.VerificationOverdue,
            $"The licence has not been checked with the server since {Format(claims.VerifiedAt)} and the grace period ended on {Format(graceEnds)}. New sales are paused until this till connects and verifies; refunds, reports and sync keep working.",
            claims, graceEnds);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    internal static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
