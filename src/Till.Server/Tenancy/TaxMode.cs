namespace Till.Server.Tenancy;

/// <summary>Whether a branch's shelf prices include tax or have it added at the till.</summary>
internal enum TaxMode
{
    Inclusive,
    Exclusive,
}
