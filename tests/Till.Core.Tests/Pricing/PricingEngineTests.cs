using Till.Core.Pricing;
using static Till.Core.Tests.Pricing.Drafts;

namespace Till.Core.Tests.Pricing;

public sealed class PricingEngineTests
{
    [Fact]
    public void Price_ExclusiveTaxWithTwoRates_AddsTaxPerRateOnTop()
    {
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 10.00m, 3, taxRate: 10), Line(Cake, 4.99m, 1, taxRate: 20));

        var order = PricingEngine.Price(draft);

        Assert.Equal(34.99m, order.Subtotal);
        Assert.Equal([new TaxLine(10m, 30.00m, 3.00m), new TaxLine(20m, 4.99m, 1.00m)], order.Taxes);
        Assert.Equal(4.00m, order.TaxTotal);
        Assert.Equal(38.99m, order.GrandTotal);
        Assert.Equal(33.00m, order.Lines[0].Total);
        Assert.Equal(5.99m, order.Lines[1].Total);
    }

    [Fact]
    public void Price_InclusiveTax_CarvesTaxOutOfThePrice()
    {
        var draft = Order("IDR", TaxMode.Inclusive, Line(Coffee, 111_000m, 1, taxRate: 11));

        var order = PricingEngine.Price(draft);

        Assert.Equal(11_000m, order.TaxTotal);
        Assert.Equal(100_000m, order.NetTotal);
        Assert.Equal(111_000m, order.GrandTotal);
        Assert.Equal(111_000m, order.Lines[0].Total);
    }

    [Fact]
    public void Price_TaxOfOneRateOverSeveralLines_IsRoundedOnceAndSpreadExactly()
    {
        // Three lines of 0.05 at 10 %: per-line rounding would give 0.03 in total, the rate's total is 0.015 -> 0.02.
        var draft = Order("USD", TaxMode.Exclusive,
            Line(Coffee, 0.05m, 1, taxRate: 10), Line(Tea, 0.05m, 1, taxRate: 10), Line(Cake, 0.05m, 1, taxRate: 10));

        var order = PricingEngine.Price(draft);

        Assert.Equal(0.02m, order.TaxTotal);
        Assert.Equal([0.01m, 0.01m, 0m], order.Lines.Select(l => l.Tax));
    }

    [Fact]
    public void Price_OrderDiscountAmount_IsSpreadInProportionAndAddsUpExactly()
    {
        var draft = Order("IDR", TaxMode.Exclusive, Line(Coffee, 10_000m), Line(Tea, 20_000m), Line(Cake, 30_000m))
            with { OrderDiscount = Discount.Amount(10_000m) };

        var order = PricingEngine.Price(draft);

        Assert.Equal([1_667m, 3_333m, 5_000m], order.Lines.Select(l => l.ManualDiscount));
        Assert.Equal(10_000m, order.DiscountTotal);
        Assert.Equal(50_000m, order.GrandTotal);
    }

    [Fact]
    public void Price_LineDiscountThenOrderPercent_AppliesOnWhatIsLeft()
    {
        var line = Line(Coffee, 20.00m, 2) with { Discount = Discount.Percent(25) };
        var draft = Order("USD", TaxMode.Exclusive, line) with { OrderDiscount = Discount.Percent(10) };

        var order = PricingEngine.Price(draft);

        // 40.00 - 25 % = 30.00, then 10 % of 30.00 = 3.00.
        Assert.Equal(13.00m, order.Lines[0].ManualDiscount);
        Assert.Equal(27.00m, order.GrandTotal);
    }

    [Fact]
    public void Price_DiscountAmountAboveTheLine_StopsAtZero()
    {
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 3.00m) with { Discount = Discount.Amount(5.00m) })
            with { OrderDiscount = Discount.Amount(2.00m) };

        var order = PricingEngine.Price(draft);

        Assert.Equal(3.00m, order.DiscountTotal);
        Assert.Equal(0m, order.GrandTotal);
    }

    [Fact]
    public void Price_FractionalQuantity_RoundsTheLineToTheMinorUnit()
    {
        var draft = Order("IDR", TaxMode.Inclusive, Line(Cake, 12_999m, 0.75m));

        var order = PricingEngine.Price(draft);

        Assert.Equal(9_749m, order.Lines[0].Gross);
        Assert.Equal(9_749m, order.GrandTotal);
    }

    [Fact]
    public void Price_Modifiers_AddTheirPriceToEachUnit()
    {
        var line = Line(Cake, 50_000m, 2) with { Modifiers = [new LineModifier("Extra cheese", 5_000m), new LineModifier("No ice", 0m)] };

        var order = PricingEngine.Price(Order("IDR", TaxMode.Inclusive, line));

        Assert.Equal(55_000m, order.Lines[0].UnitPrice);
        Assert.Equal(110_000m, order.GrandTotal);
    }

    [Theory]
    [InlineData(12_345, 12_300, -45)]
    [InlineData(12_350, 12_400, 50)]
    [InlineData(12_400, 12_400, 0)]
    public void Price_CashRounding_RoundsTheGrandTotalToTheNearestStep(int price, int expectedTotal, int expectedRounding)
    {
        var draft = Order("IDR", TaxMode.Inclusive, Line(Coffee, price)) with { CashRoundingIncrement = 100m };

        var order = PricingEngine.Price(draft);

        Assert.Equal(expectedTotal, order.GrandTotal);
        Assert.Equal(expectedRounding, order.Rounding);
        Assert.Equal(price, order.TotalBeforeRounding);
    }

    [Fact]
    public void Price_CashRoundingStepFinerThanTheCurrency_IsRejected()
    {
        var draft = Order("IDR", TaxMode.Inclusive, Line(Coffee, 1_000m)) with { CashRoundingIncrement = 0.5m };

        Assert.Contains("cash_rounding_increment", PricingEngine.Validate(draft).Keys);
        Assert.Throws<ArgumentException>(() => PricingEngine.Price(draft));
    }

    [Fact]
    public void Validate_BadLines_NamesEveryField()
    {
        var draft = Order("XYZ", TaxMode.Exclusive,
            Line(Coffee, -1m, 0m, taxRate: 101m) with { Discount = Discount.Percent(120) });

        var errors = PricingEngine.Validate(draft);

        Assert.Equal(
            ["currency", "lines[0].discount", "lines[0].quantity", "lines[0].tax_rate", "lines[0].unit_price"],
            errors.Keys.Order());
    }

    [Fact]
    public void Validate_AbsurdlyLargeNumbers_AreRefusedInsteadOfOverflowing()
    {
        var draft = Order("IDR", TaxMode.Exclusive, Line(Coffee, 79_000_000_000_000_000_000_000_000_000m, 2m), Line(Tea, 1m, 10_000_000m))
            with { OrderDiscount = Discount.Amount(decimal.MaxValue), Loyalty = new LoyaltySettings(1m, decimal.MaxValue, long.MaxValue) };

        var errors = PricingEngine.Validate(draft);

        Assert.Equal(["lines[0].unit_price", "lines[1].quantity", "loyalty", "order_discount"], errors.Keys.Order());
    }

    [Fact]
    public void Price_SameDraftTwice_GivesTheSameBreakdown()
    {
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 3.33m, 3, 7.5m), Line(Tea, 1.11m, 0.5m, 7.5m))
            with { OrderDiscount = Discount.Percent(12.5m) };

        var first = PricingEngine.Price(draft);
        var second = PricingEngine.Price(draft);

        Assert.Equal(first.GrandTotal, second.GrandTotal);
        Assert.Equal(first.Lines, second.Lines);
    }
}
