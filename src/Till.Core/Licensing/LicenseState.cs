namespace Till.Core.Licensing;

/// <summary>Where a device's licence stands at a given moment.</summary>
public enum LicenseState
{
    /// <summary>Signed for this device, unexpired and verified within the last 30 days.</summary>
    Valid,

    /// <summary>Verification is due but the 7 days of grace have not run out: selling continues.</summary>
    Grace,

    /// <summary>Not verified for more than 7 days past the due date: new sales are refused.</summary>
    VerificationOverdue,

    /// <summary>The licence's expiry date has passed: new sales are refused.</summary>
    Expired,

    /// <summary>No token, a damaged or forged token, or another device's token: new sales are refused.</summary>
    Invalid,
}
