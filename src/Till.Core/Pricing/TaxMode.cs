namespace Till.Core.Pricing;

/// <summary>Whether a branch's shelf prices include tax or have it added at the till.</summary>
public enum TaxMode
{
    /// <summary>Shelf prices include tax; the tax is carved out of the price.</summary>
    Inclusive,

    /// <summary>Shelf prices exclude tax; the tax is added on top.</summary>
    Exclusive,
}
