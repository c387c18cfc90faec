namespace Till.Core.Payments;

/// <summary>Why a set of payments cannot settle an order.</summary>
public enum SettlementError
{
    None,

    /// <summary>A payment is zero, negative or finer than the currency's minor unit.</summary>
    InvalidAmount,

    /// <summary>The payments do not cover the total (see <see cref="Settlement.Shortfall"/>).</summary>
    Underpaid,

    /// <summary>Non-cash payments exceed the total; only cash can give change.</summary>
    NonCashOverpaid,

    /// <summary>Loyalty-point payments differ from the points value the order redeemed.</summary>
    LoyaltyMismatch,
}
