namespace Till.Server.Licensing;

internal enum LicenseStatus
{
    Active,

    /// <summary>Paused by the platform (e.g. unpaid): no activation, no verification.</summary>
    Suspended,

    /// <summary>Ended for good.</summary>
    Revoked,
}
