namespace Till.Sdk;

/// <summary>A local action cannot be done (unknown product, payment short, no open shift, licence not valid, ...). Nothing was written.</summary>
public sealed class SaleRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SaleRefusedException(string message) : base(message)
    {
    }
}
