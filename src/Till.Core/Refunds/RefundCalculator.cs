using Till.Core.Money;
using Till.Core.Pricing;

namespace Till.Core.Refunds;

/// <summary>
/// Works out refunds from the original priced order. Each line's share of what was paid is its
/// total plus its share of the cash rounding. Returning q of n units refunds the difference of the
/// cumulative share before and after, <c>round(paid * returned / sold)</c>, and the last unit
/// back takes exactly what is left: refunds never exceed what was paid, and any series of
/// partial returns that brings everything back refunds exactly the grand total.
/// </summary>
public static class RefundCalculator
{
    /// <summary>
    /// The refund for <paramref name="returning"/>, given what earlier returns on the same order
    /// already took back (<paramref name="alreadyReturned"/>; the same line may appear several times).
    /// </summary>
    public static Refund Calculate(PricedOrder order, IReadOnlyList<ReturnedQuantity> alreadyReturned, IReadOnlyList<ReturnedQuantity> returning)
    {
        Refund Fail(RefundError error, string message) => new(error, message, [], 0m, 0m, false);

        var lines = order.Lines;
        var before = new decimal[lines.Count];
        foreach (var r in alreadyReturned.Concat(returning))
        {
            if (r.LineIndex < 0 || r.LineIndex >= lines.Count)
                return Fail(RefundError.UnknownLine, $"Line {r.LineIndex} is not on the order.");
            if (r.Quantity <= 0)
                return Fail(RefundError.InvalidQuantity, $"The quantity for line {r.LineIndex} must be above zero.");
        }
        foreach (var r in alreadyReturned)
            before[r.LineIndex] += r.Quantity;
        var now = (decimal[])before.Clone();
        foreach (var r in returning)
            now[r.LineIndex] += r.Quantity;
        for (var i = 0; i < lines.Count; i++)
        {
            if (now[i] > lines[i].Quantity)
                return Fail(RefundError.QuantityExceedsSold,
                    $"Line {i} ('{lines[i].Name}'): {now[i] - before[i]} returned but only {lines[i].Quantity - before[i]} left to return.");
        }

        var paid = PaidPerLine(order);
        var refundLines = new List<RefundLine>();
        foreach (var i in returning.Select(r => r.LineIndex).Distinct().Order())
        {
            var amount = Cumulative(paid[i], now[i], lines[i].Quantity, order.Currency) - Cumulative(paid[i], before[i], lines[i].Quantity, order.Currency);
            var tax = Cumulative(lines[i].Tax, now[i], lines[i].Quantity, order.Currency) - Cumulative(lines[i].Tax, before[i], lines[i].Quantity, order.Currency);
            refundLines.Add(new RefundLine(i, now[i] - before[i], amount, tax));
        }
        var complete = Enumerable.Range(0, lines.Count).All(i => now[i] == lines[i].Quantity);
        return new Refund(RefundError.None, null, refundLines, refundLines.Sum(l => l.Amount), refundLines.Sum(l => l.Tax), complete);
    }

    /// <summary>What each line contributed to the grand total: its total plus its share of the cash rounding.</summary>
    public static decimal[] PaidPerLine(PricedOrder order)
    {
        var totals = order.Lines.Select(l => l.Total).ToArray();
        var rounding = totals.Sum() == 0 ? new decimal[totals.Length] : Allocation.Spread(order.Rounding, totals, order.Currency);
        // Lines that total zero cannot round: the grand total is then zero too.
        return totals.Select((t, i) => t + rounding[i]).ToArray();
    }

    private static decimal Cumulative(decimal paid, decimal returned, decimal sold, string currency) =>
        returned >= sold ? paid : Currency.Round(paid * returned / sold, currency);
}
