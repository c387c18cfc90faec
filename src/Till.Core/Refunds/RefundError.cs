namespace Till.Core.Refunds;

/// <summary>Why a return cannot be refunded.</summary>
public enum RefundError
{
    None,

    /// <summary>The line index does not exist on the order.</summary>
    UnknownLine,

    /// <summary>A returned quantity is zero or negative.</summary>
    InvalidQuantity,

    /// <summary>The quantity is more than was sold minus what was already returned.</summary>
    QuantityExceedsSold,
}
