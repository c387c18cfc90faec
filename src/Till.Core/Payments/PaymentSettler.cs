using Till.Core.Money;
using Till.Core.Pricing;

namespace Till.Core.Payments;

/// <summary>
/// Checks that payments cover an order and works out the change. Any mix of methods may be used;
/// non-cash payments may not exceed the total, and change is only ever given from cash.
/// </summary>
public static class PaymentSettler
{
    /// <summary>Settles <paramref name="order"/>; loyalty payments must equal the value of the points it redeemed.</summary>
    public static Settlement Settle(PricedOrder order, IReadOnlyList<Tender> tenders) =>
        Settle(order.GrandTotal, order.Currency, tenders, order.Loyalty.RedeemedValue);

    /// <summary>Settles a <paramref name="total"/> in <paramref name="currency"/> with <paramref name="tenders"/>.</summary>
    public static Settlement Settle(decimal total, string currency, IReadOnlyList<Tender> tenders, decimal loyaltyValue = 0m)
    {
        var unit = Allocation.MinorUnit(currency);
        Settlement Fail(SettlementError error, string message, decimal shortfall = 0m) =>
            new(error, message, total, [], 0m, 0m, shortfall);

        if (tenders.Count > 100)
            return Fail(SettlementError.InvalidPayment, "At most 100 payments on one order.");
        for (var i = 0; i < tenders.Count; i++)
        {
            if (!Enum.IsDefined(tenders[i].Kind) || tenders[i].Amount <= 0 || tenders[i].Amount > PricingEngine.MaxAmount || tenders[i].Amount % unit != 0)
                return Fail(SettlementError.InvalidPayment, $"Payment {i + 1} must be a known method and a positive amount in whole {currency} minor units.");
        }
        var tendered = tenders.Sum(t => t.Amount);
        var loyalty = tenders.Where(t => t.Kind == PaymentMethodKind.LoyaltyPoints).Sum(t => t.Amount);
        if (loyalty != loyaltyValue)
            return Fail(SettlementError.LoyaltyMismatch, $"Loyalty payments ({loyalty}) must equal the redeemed points value ({loyaltyValue}).");
        var nonCash = tenders.Where(t => t.Kind != PaymentMethodKind.Cash).Sum(t => t.Amount);
        if (nonCash > total)
            return Fail(SettlementError.NonCashOverpaid, $"Non-cash payments ({nonCash}) exceed the total ({total}); only cash gives change.");
        if (tendered < total)
            return Fail(SettlementError.Underpaid, $"The payments ({tendered}) do not cover the total ({total}).", total - tendered);

        // Change comes out of the cash, last cash payment first.
        var change = tendered - total;
        var left = change;
        var booked = new SettledPayment[tenders.Count];
        for (var i = tenders.Count - 1; i >= 0; i--)
        {
            var t = tenders[i];
            var back = t.Kind == PaymentMethodKind.Cash ? Math.Min(left, t.Amount) : 0m;
            left -= back;
            booked[i] = new SettledPayment(t.Kind, t.MethodCode, t.Reference, t.Amount, t.Amount - back);
        }
        return new Settlement(SettlementError.None, null, total, booked, tendered, change, 0m);
    }
}
