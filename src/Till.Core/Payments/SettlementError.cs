namespace Till.Core.Payments;

/// <summary>Why a set of payments cannot settle an order.</summary>
public enum SettlementError
{
    None,

    /// <summary>A payment has an unknown kind, or an amount that is zero, negative, too large or finer than the minor unit.</summary>
    InvalidPayment,

    /// <summary>The payments do not cover the total (see <see cref="Settlement.Shortfall"/>).</summary>
    Underpaid,

    /// <summary>Non-cash payments exceed the total; only cash can give change.</summary>
    NonCashOverpaid,

    /// <summary>Loyalty-point payments differ from the points value the order redeemed.</summary>
    LoyaltyMismatch,
}
