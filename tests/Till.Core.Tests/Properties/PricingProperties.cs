using CsCheck;
using Till.Core.Money;
using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Refunds;
using Till.Core.Receipts;

namespace Till.Core.Tests.Properties;

/// <summary>
/// The pricing invariants over 10,000 generated orders per property. Seeded by
/// <see cref="PropertyRun"/>: the seed is printed and a failure names the sample to replay.
/// </summary>
public sealed class PricingProperties
{
    private const int Orders = 10_000;

    [Fact]
    public void Price_AnyOrder_TotalIsLinesMinusDiscountsPlusTaxPlusRounding()
    {
        var seen = new Dictionary<string, int>();
        void Saw(string what, bool when) => seen[what] = seen.GetValueOrDefault(what) + (when ? 1 : 0);

        PropertyRun.ForAll(OrderGen.Draft, Orders, draft =>
        {
            var o = PricingEngine.Price(draft);
            Saw("inclusive", o.TaxMode == TaxMode.Inclusive);
            Saw("several tax rates", o.Taxes.Count(t => t.Tax > 0) > 1);
            Saw("item promotion", o.Lines.Any(l => l.PromotionDiscount > 0) && o.Promotions.Any(p => draft.Promotions.First(d => d.Id == p.PromotionId).Target != PromotionTarget.Order));
            Saw("order promotion", o.Promotions.Any(p => draft.Promotions.First(d => d.Id == p.PromotionId).Target == PromotionTarget.Order));
            Saw("buy x get y", o.Promotions.Any(p => draft.Promotions.First(d => d.Id == p.PromotionId).Kind == PromotionKind.BuyXGetY));
            Saw("coupon", o.Promotions.Any(p => p.CouponCode is not null));
            Saw("manual order discount", draft.OrderDiscount is { Value: > 0 } && o.ManualDiscountTotal > 0);
            Saw("rounding", o.Rounding != 0);
            Saw("points redeemed", o.Loyalty.PointsRedeemed > 0);
            Saw("points earned", o.Loyalty.PointsEarned > 0);
            Saw("fractional quantity", o.Lines.Any(l => l.Quantity != decimal.Truncate(l.Quantity)));
            var addedTax = o.TaxMode == TaxMode.Exclusive ? o.TaxTotal : 0m;

            Assert.Equal(o.GrandTotal, o.Subtotal - o.DiscountTotal + addedTax + o.Rounding);
            Assert.Equal(o.GrandTotal, o.NetTotal + o.TaxTotal + o.Rounding);
            Assert.Equal(o.Subtotal, o.Lines.Sum(l => l.Gross));
            Assert.Equal(o.ManualDiscountTotal, o.Lines.Sum(l => l.ManualDiscount));
            Assert.Equal(o.PromotionDiscountTotal, o.Lines.Sum(l => l.PromotionDiscount));
            Assert.Equal(o.PromotionDiscountTotal, o.Promotions.Sum(p => p.Amount));
            Assert.Equal(o.TaxTotal, o.Taxes.Sum(t => t.Tax));
            Assert.Equal(o.TaxTotal, o.Lines.Sum(l => l.Tax));
            Assert.Equal(o.TotalBeforeRounding, o.Lines.Sum(l => l.Total));
            foreach (var l in o.Lines)
            {
                Assert.Equal(l.Amount, l.Gross - l.ManualDiscount - l.PromotionDiscount);
                Assert.Equal(l.Total, l.Net + l.Tax);
                Assert.Equal(l.Amount, o.TaxMode == TaxMode.Exclusive ? l.Net : l.Total);
            }
            foreach (var t in o.Taxes)
            {
                var members = o.Lines.Where(l => l.TaxRate == t.Rate).ToList();
                Assert.Equal(t.Tax, members.Sum(l => l.Tax));
                Assert.Equal(t.Base, members.Sum(l => l.Net));
            }
            var step = draft.CashRoundingIncrement ?? 0m;
            Assert.True(Math.Abs(o.Rounding) * 2 <= step, $"rounding {o.Rounding} exceeds half of step {step}");
            Assert.All(AllAmounts(o), a => Assert.Equal(a, Currency.Round(a, o.Currency)));
            if (step > 0)
                Assert.Equal(0m, o.GrandTotal % step);
        }, OrderGen.Describe);

        // The generator must keep reaching every feature, or the invariants above prove little.
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", seen.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.All(seen, kv => Assert.True(kv.Value >= Orders / 100, $"only {kv.Value} orders with {kv.Key}"));
    }

    [Fact]
    public void Price_AnyOrder_NothingIsNegative()
    {
        PropertyRun.ForAll(OrderGen.Draft, Orders, draft =>
        {
            var o = PricingEngine.Price(draft);

            foreach (var l in o.Lines)
                Assert.All([l.Gross, l.ManualDiscount, l.PromotionDiscount, l.Amount, l.Net, l.Tax, l.Total], a => Assert.True(a >= 0, $"line {l.Index}: {l}"));
            Assert.All([o.Subtotal, o.ManualDiscountTotal, o.PromotionDiscountTotal, o.NetTotal, o.TaxTotal, o.GrandTotal, o.AmountDue,
                o.Loyalty.RedeemedValue], a => Assert.True(a >= 0, $"order: {a}"));
            Assert.All(o.Taxes, t => Assert.True(t.Base >= 0 && t.Tax >= 0, t.ToString()));
            Assert.All(o.Promotions, p => Assert.True(p.Amount > 0, p.ToString()));
            Assert.True(o.Loyalty.PointsEarned >= 0 && o.Loyalty.PointsRedeemed >= 0);
            Assert.True(o.Loyalty.PointsRedeemed <= (draft.Loyalty?.PointsToRedeem ?? 0));
            Assert.All(RefundCalculator.PaidPerLine(o), p => Assert.True(p >= 0, $"paid share {p}"));
        }, OrderGen.Describe);
    }

    [Fact]
    public void Settle_AnySplitOfPayments_NeverChangesTheTotal()
    {
        var gen = OrderGen.Draft.Select(Gen.Int[1, 5], Gen.Int[0, 4].Array[5], Gen.Int[0, 100_000], (d, parts, kinds, extraCash) => (d, parts, kinds, extraCash));
        PropertyRun.ForAll(gen, Orders, sample =>
        {
            var (draft, parts, kinds, extraCash) = sample;
            var order = PricingEngine.Price(draft);
            var unit = Allocation.MinorUnit(order.Currency);
            var tenders = new List<Tender>();
            if (order.Loyalty.RedeemedValue > 0)
                tenders.Add(new Tender(PaymentMethodKind.LoyaltyPoints, order.Loyalty.RedeemedValue));
            // Split what is due into parts of pseudo-random weight, one method each; cash may be overpaid.
            var weights = Enumerable.Range(1, parts).Select(i => (decimal)(i * 7 % 5 + 1)).ToArray();
            var split = Allocation.Spread(order.AmountDue, weights, order.Currency);
            for (var i = 0; i < parts; i++)
            {
                var kind = (PaymentMethodKind)kinds[i];
                var amount = kind == PaymentMethodKind.Cash ? split[i] + extraCash * unit : split[i];
                if (amount > 0)
                    tenders.Add(new Tender(kind, amount, kind == PaymentMethodKind.Custom ? "APP" : null));
            }

            var settlement = PaymentSettler.Settle(order, tenders);
            var single = PaymentSettler.Settle(order, [.. tenders.Where(t => t.Kind == PaymentMethodKind.LoyaltyPoints),
                new Tender(PaymentMethodKind.Cash, Math.Max(order.AmountDue, unit))]);
            var again = PricingEngine.Price(draft);

            var anyCash = tenders.Any(t => t.Kind == PaymentMethodKind.Cash);
            if (order.GrandTotal > 0 || tenders.Count > 0)
            {
                Assert.True(settlement.Succeeded, settlement.Message);
                Assert.Equal(order.GrandTotal, settlement.Paid);
                Assert.Equal(settlement.Tendered - settlement.Change, settlement.Paid);
                Assert.True(settlement.Change == 0 || anyCash, "change without cash");
                Assert.All(settlement.Payments, p => Assert.True(p.Amount >= 0 && p.Amount <= p.Tendered));
                Assert.All(settlement.Payments.Where(p => p.Kind != PaymentMethodKind.Cash), p => Assert.Equal(p.Tendered, p.Amount));
            }
            Assert.True(single.Succeeded, single.Message);
            Assert.Equal(order.GrandTotal, single.Paid);
            Assert.Equal(order.GrandTotal, settlement.Total);
            Assert.Equal(order.GrandTotal, again.GrandTotal);
            Assert.Equal(order.Lines, again.Lines);
        }, s => OrderGen.Describe(s.d));
    }

    [Fact]
    public void Calculate_AnyReturnsThatBringEverythingBack_RefundExactlyWhatWasPaid()
    {
        var gen = OrderGen.Draft.Select(Gen.Int[1, 4], Gen.Int[0, 1_000].Array[40], (d, chunks, picks) => (d, chunks, picks));
        PropertyRun.ForAll(gen, Orders, sample =>
        {
            var (draft, chunks, picks) = sample;
            var order = PricingEngine.Price(draft);

            var whole = RefundCalculator.Calculate(order, [], [.. order.Lines.Select(l => new ReturnedQuantity(l.Index, l.Quantity))]);
            Assert.Equal(order.GrandTotal, whole.Total);
            Assert.True(whole.CompletesOrder);
            Assert.Equal(order.TaxTotal, whole.TaxTotal);

            // Bring each line back in up to `chunks` pieces of pseudo-random size, interleaving lines.
            var left = order.Lines.Select(l => l.Quantity).ToArray();
            var done = new List<ReturnedQuantity>();
            var refunded = 0m;
            var p = 0;
            while (left.Any(q => q > 0))
            {
                var open = Enumerable.Range(0, left.Length).Where(k => left[k] > 0).ToArray();
                var i = open[picks[p++ % picks.Length] % open.Length];
                var piece = decimal.Round(left[i] * (picks[p++ % picks.Length] % (chunks + 1) + 1) / (chunks + 1), 3);
                piece = piece <= 0 || done.Count(r => r.LineIndex == i) >= chunks ? left[i] : Math.Min(piece, left[i]);
                var refund = RefundCalculator.Calculate(order, done, [new ReturnedQuantity(i, piece)]);
                Assert.True(refund.Succeeded, refund.Message);
                Assert.True(refund.Total >= 0, $"negative refund {refund.Total}");
                refunded += refund.Total;
                Assert.True(refunded <= order.GrandTotal, $"refunded {refunded} of {order.GrandTotal}");
                done.Add(new ReturnedQuantity(i, piece));
                left[i] -= piece;
            }

            Assert.Equal(order.GrandTotal, refunded);
            var beyond = RefundCalculator.Calculate(order, done, [new ReturnedQuantity(0, 0.001m)]);
            Assert.Equal(RefundError.QuantityExceedsSold, beyond.Error);
        }, s => OrderGen.Describe(s.d));
    }

    [Fact]
    public void Render_AnyOrder_TextFitsThePaper()
    {
        PropertyRun.ForAll(OrderGen.Draft, 1_000, draft =>
        {
            var receipt = new Receipt(new ReceiptNumber("JKT1", "T2", 1), draft.LocalTime, PricingEngine.Price(draft))
            {
                BranchName = "A branch with a rather long name that needs wrapping",
                Header = "Line one\nAnextremelylongwordwithoutanyspacesthatmustbecut",
                Footer = "Thanks",
            };
            foreach (var width in new[] { ReceiptWidth.Mm58, ReceiptWidth.Mm80 })
                Assert.All(ReceiptText.Render(receipt, width).Split('\n'), l => Assert.True(l.Length <= (int)width, l));
        }, OrderGen.Describe);
    }

    [Fact]
    public void Parse_AnyReceiptNumber_RoundTrips()
    {
        var code = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Array[1, 20].Select(c => new string(c));
        var gen = Gen.Select(code, code, Gen.Long[1, 999_999_999_999], (b, d, s) => new ReceiptNumber(b, d, s));
        PropertyRun.ForAll(gen, Orders, n => Assert.Equal(n, ReceiptNumber.Parse(n.ToString())), n => n.ToString());
    }

    private static IEnumerable<decimal> AllAmounts(PricedOrder o) =>
        o.Lines.SelectMany(l => new[] { l.Gross, l.ManualDiscount, l.PromotionDiscount, l.Amount, l.Net, l.Tax, l.Total })
            .Concat([o.Subtotal, o.DiscountTotal, o.NetTotal, o.TaxTotal, o.Rounding, o.GrandTotal, o.Loyalty.RedeemedValue])
            .Concat(o.Taxes.SelectMany(t => new[] { t.Base, t.Tax }));
}
