using Till.Core.Pricing;
using Till.Core.Refunds;
using static Till.Core.Tests.Pricing.Drafts;

namespace Till.Core.Tests.Refunds;

public sealed class RefundCalculatorTests
{
    [Fact]
    public void Calculate_OneOfThree_RefundsAThirdAndTheRestRefundsTheRemainder()
    {
        var order = PricingEngine.Price(Order("USD", TaxMode.Exclusive, Line(Coffee, 3.333m, 3)));
        Assert.Equal(10.00m, order.GrandTotal);

        var first = RefundCalculator.Calculate(order, [], [new ReturnedQuantity(0, 1)]);
        var rest = RefundCalculator.Calculate(order, [new ReturnedQuantity(0, 1)], [new ReturnedQuantity(0, 2)]);

        Assert.Equal(3.33m, first.Total);
        Assert.False(first.CompletesOrder);
        Assert.Equal(6.67m, rest.Total);
        Assert.True(rest.CompletesOrder);
    }

    [Fact]
    public void Calculate_MoreThanSold_IsRefused()
    {
        var order = PricingEngine.Price(Order("IDR", TaxMode.Inclusive, Line(Coffee, 10_000m, 2)));

        var tooMany = RefundCalculator.Calculate(order, [], [new ReturnedQuantity(0, 3)]);
        var afterEarlier = RefundCalculator.Calculate(order, [new ReturnedQuantity(0, 2)], [new ReturnedQuantity(0, 1)]);
        var twiceInOne = RefundCalculator.Calculate(order, [], [new ReturnedQuantity(0, 1.5m), new ReturnedQuantity(0, 1)]);

        Assert.Equal(RefundError.QuantityExceedsSold, tooMany.Error);
        Assert.Equal(RefundError.QuantityExceedsSold, afterEarlier.Error);
        Assert.Equal(RefundError.QuantityExceedsSold, twiceInOne.Error);
        Assert.Equal(0m, tooMany.Total);
    }

    [Fact]
    public void Calculate_UnknownLineOrZeroQuantity_IsRefused()
    {
        var order = PricingEngine.Price(Order("IDR", TaxMode.Inclusive, Line(Coffee, 10_000m, 2)));

        Assert.Equal(RefundError.UnknownLine, RefundCalculator.Calculate(order, [], [new ReturnedQuantity(1, 1)]).Error);
        Assert.Equal(RefundError.InvalidQuantity, RefundCalculator.Calculate(order, [], [new ReturnedQuantity(0, 0)]).Error);
    }

    [Fact]
    public void Calculate_OrderRoundedDown_NeverRefundsMoreThanWasPaid()
    {
        // Lines total 12,345; the customer paid 12,300 after cash rounding.
        var order = PricingEngine.Price(Order("IDR", TaxMode.Inclusive, Line(Coffee, 12_345m)) with { CashRoundingIncrement = 100m });

        var refund = RefundCalculator.Calculate(order, [], [new ReturnedQuantity(0, 1)]);

        Assert.Equal(12_300m, refund.Total);
    }

    [Fact]
    public void Calculate_ManyPartialReturns_AddUpToTheGrandTotal()
    {
        var order = PricingEngine.Price(Order("IDR", TaxMode.Exclusive,
                Line(Coffee, 18_333m, 7, taxRate: 11), Line(Cake, 9_999m, 2.5m, taxRate: 11), Line(Tea, 4_321m, 3, taxRate: 0))
            with { OrderDiscount = Discount.Percent(7), CashRoundingIncrement = 500m });
        List<ReturnedQuantity> done = [];
        var refunded = 0m;

        foreach (var step in new[] { new ReturnedQuantity(0, 2), new ReturnedQuantity(1, 1), new ReturnedQuantity(0, 4), new ReturnedQuantity(2, 3), new ReturnedQuantity(1, 1.5m), new ReturnedQuantity(0, 1) })
        {
            var refund = RefundCalculator.Calculate(order, done, [step]);
            Assert.True(refund.Succeeded);
            refunded += refund.Total;
            done.Add(step);
        }

        Assert.Equal(order.GrandTotal, refunded);
    }

    [Fact]
    public void Calculate_RefundTax_IsTheLinesTaxForAFullReturn()
    {
        var order = PricingEngine.Price(Order("USD", TaxMode.Exclusive, Line(Coffee, 10.00m, 2, taxRate: 10)));

        var refund = RefundCalculator.Calculate(order, [], [new ReturnedQuantity(0, 2)]);

        Assert.Equal(22.00m, refund.Total);
        Assert.Equal(2.00m, refund.TaxTotal);
    }
}
