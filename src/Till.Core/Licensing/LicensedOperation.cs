namespace Till.Core.Licensing;

/// <summary>The kinds of work a till does, as far as the licence is concerned.</summary>
public enum LicensedOperation
{
    /// <summary>A new sale: the only operation a licence problem stops.</summary>
    Sell,

    /// <summary>Refunding or returning an earlier sale.</summary>
    Refund,

    /// <summary>Pushing and pulling changes: a sale that already happened must always reach the server.</summary>
    Sync,

    Reports,

    /// <summary>Looking at, exporting and backing up the till's own data.</summary>
    Data,
}
