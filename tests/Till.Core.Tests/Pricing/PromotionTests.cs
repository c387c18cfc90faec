using Till.Core.Pricing;
using static Till.Core.Tests.Pricing.Drafts;

namespace Till.Core.Tests.Pricing;

public sealed class PromotionTests
{
    private static Promotion Promo(string name, PromotionKind kind, PromotionTarget target, decimal value, Guid? targetId = null) =>
        new(Guid.CreateVersion7(), name, kind, target, value) { TargetId = targetId };

    [Fact]
    public void Price_PercentOffCategory_DiscountsOnlyThatCategorysLines()
    {
        var drinks = Promo("Drinks 20%", PromotionKind.PercentOff, PromotionTarget.Category, 20, Drinks);
        var draft = Order("IDR", TaxMode.Inclusive,
            Line(Coffee, 25_000m, 2, category: Drinks), Line(Cake, 30_000m, 1, category: Bakery)) with { Promotions = [drinks] };

        var order = PricingEngine.Price(draft);

        Assert.Equal([10_000m, 0m], order.Lines.Select(l => l.PromotionDiscount));
        Assert.Equal(70_000m, order.GrandTotal);
        Assert.Equal(new AppliedPromotion(drinks.Id, "Drinks 20%", 10_000m, null), Assert.Single(order.Promotions));
    }

    [Fact]
    public void Price_AmountOffProduct_TakesTheAmountOffEachUnit()
    {
        var promo = Promo("Coffee -2k", PromotionKind.AmountOff, PromotionTarget.Product, 2_000, Coffee);
        var draft = Order("IDR", TaxMode.Inclusive, Line(Coffee, 25_000m, 3)) with { Promotions = [promo] };

        var order = PricingEngine.Price(draft);

        Assert.Equal(6_000m, order.PromotionDiscountTotal);
    }

    [Fact]
    public void Price_TwoItemPromotionsOnOneLine_OnlyTheBiggerApplies()
    {
        var small = Promo("Drinks 10%", PromotionKind.PercentOff, PromotionTarget.Category, 10, Drinks);
        var big = Promo("Coffee 30%", PromotionKind.PercentOff, PromotionTarget.Product, 30, Coffee);
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 10.00m, 1, category: Drinks)) with { Promotions = [small, big] };

        var order = PricingEngine.Price(draft);

        Assert.Equal(3.00m, order.PromotionDiscountTotal);
        Assert.Equal(big.Id, Assert.Single(order.Promotions).PromotionId);
    }

    [Fact]
    public void Price_ItemAndOrderPromotion_Stack()
    {
        var item = Promo("Coffee 50%", PromotionKind.PercentOff, PromotionTarget.Product, 50, Coffee);
        var whole = Promo("10% off", PromotionKind.PercentOff, PromotionTarget.Order, 10);
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 10.00m), Line(Cake, 10.00m)) with { Promotions = [item, whole] };

        var order = PricingEngine.Price(draft);

        // 20.00 - 5.00 = 15.00, then 10 % = 1.50 spread 0.50 / 1.00.
        Assert.Equal(6.50m, order.PromotionDiscountTotal);
        Assert.Equal([5.50m, 1.00m], order.Lines.Select(l => l.PromotionDiscount));
        Assert.Equal(2, order.Promotions.Count);
    }

    [Theory]
    [InlineData(7, 10_000)]
    [InlineData(6, 10_000)]
    [InlineData(5, 5_000)]
    [InlineData(2, 0)]
    [InlineData(3.5, 5_000)]
    public void Price_BuyTwoGetOneFree_FreesOneUnitInEveryThree(double quantity, int expectedOff)
    {
        var promo = Promo("Buy 2 get 1", PromotionKind.BuyXGetY, PromotionTarget.Product, 100, Cake) with { BuyQuantity = 2, GetQuantity = 1 };
        var draft = Order("IDR", TaxMode.Inclusive, Line(Cake, 5_000m, (decimal)quantity)) with { Promotions = [promo] };

        var order = PricingEngine.Price(draft);

        Assert.Equal(expectedOff, order.PromotionDiscountTotal);
    }

    [Fact]
    public void Price_BuyTwoGetOneFreeOverSeveralLines_CountsTogetherAndFreesTheCheapest()
    {
        var promo = Promo("3 drinks for 2", PromotionKind.BuyXGetY, PromotionTarget.Category, 100, Drinks) with { BuyQuantity = 2, GetQuantity = 1 };
        var draft = Order("IDR", TaxMode.Inclusive,
            Line(Coffee, 30_000m, 1, category: Drinks), Line(Tea, 18_000m, 1, category: Drinks),
            Line(Cake, 10_000m, 1, category: Bakery), Line(Coffee, 25_000m, 2, category: Drinks)) with { Promotions = [promo] };

        var order = PricingEngine.Price(draft);

        // Four drinks: one free, the cheapest (the tea); the cake is not a drink.
        Assert.Equal([0m, 18_000m, 0m, 0m], order.Lines.Select(l => l.PromotionDiscount));
    }

    [Fact]
    public void Price_BuyOneGetOneHalfPrice_HalvesEverySecondUnit()
    {
        var promo = Promo("2nd half price", PromotionKind.BuyXGetY, PromotionTarget.Category, 50, Drinks) with { BuyQuantity = 1, GetQuantity = 1 };
        var draft = Order("USD", TaxMode.Exclusive, Line(Tea, 3.00m, 4, category: Drinks)) with { Promotions = [promo] };

        var order = PricingEngine.Price(draft);

        Assert.Equal(3.00m, order.PromotionDiscountTotal);
    }

    [Theory]
    [InlineData("2026-11-20T18:30", true)]   // Friday inside the window
    [InlineData("2026-11-20T17:00", true)]   // start is inclusive
    [InlineData("2026-11-20T19:00", false)]  // end is exclusive
    [InlineData("2026-11-20T16:59", false)]
    [InlineData("2026-11-21T18:30", false)]  // Saturday
    public void Price_HappyHour_AppliesOnlyOnItsWeekdaysAndHours(string localTime, bool applies)
    {
        var happyHour = Promo("Happy hour", PromotionKind.PercentOff, PromotionTarget.Category, 50, Drinks) with
        {
            Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            WindowStart = new TimeOnly(17, 0),
            WindowEnd = new TimeOnly(19, 0),
        };
        var draft = Order("IDR", TaxMode.Inclusive, Line(Tea, 20_000m, category: Drinks))
            with { LocalTime = DateTime.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture), Promotions = [happyHour] };

        var order = PricingEngine.Price(draft);

        Assert.Equal(applies ? 10_000m : 20_000m, order.GrandTotal);
    }

    [Theory]
    [InlineData(23, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(12, false)]
    public void IsInForce_WindowPastMidnight_WrapsAround(int hour, bool expected)
    {
        var late = Promo("Late night", PromotionKind.PercentOff, PromotionTarget.Order, 10) with
        {
            WindowStart = new TimeOnly(22, 0),
            WindowEnd = new TimeOnly(2, 0),
        };

        Assert.Equal(expected, late.IsInForce(Branch, new DateTime(2026, 11, 20, hour, 0, 0), []));
    }

    [Fact]
    public void Price_PromotionScopedToAnotherBranch_DoesNotApply()
    {
        var elsewhere = Promo("Bandung only", PromotionKind.PercentOff, PromotionTarget.Order, 10) with { BranchIds = [OtherBranch] };
        var here = elsewhere with { Id = Guid.CreateVersion7(), BranchIds = [OtherBranch, Branch] };

        var without = PricingEngine.Price(Order("USD", TaxMode.Exclusive, Line(Coffee, 10m)) with { Promotions = [elsewhere] });
        var with = PricingEngine.Price(Order("USD", TaxMode.Exclusive, Line(Coffee, 10m)) with { Promotions = [here] });

        Assert.Equal(10.00m, without.GrandTotal);
        Assert.Equal(9.00m, with.GrandTotal);
    }

    [Fact]
    public void Price_DateRange_AppliesOnlyBetweenItsDays()
    {
        var november = Promo("November", PromotionKind.PercentOff, PromotionTarget.Order, 10) with
        {
            StartsOn = new DateOnly(2026, 11, 1),
            EndsOn = new DateOnly(2026, 11, 20),
        };
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 10m)) with { Promotions = [november] };

        Assert.Equal(9.00m, PricingEngine.Price(draft).GrandTotal);
        Assert.Equal(10.00m, PricingEngine.Price(draft with { LocalTime = new DateTime(2026, 11, 21, 9, 0, 0) }).GrandTotal);
    }

    [Fact]
    public void Price_CouponPromotion_AppliesOnlyWithItsCode()
    {
        var coupon = Promo("Welcome", PromotionKind.AmountOff, PromotionTarget.Order, 5.00m) with { CouponCode = "WELCOME5" };
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 20.00m)) with { Promotions = [coupon] };

        var without = PricingEngine.Price(draft);
        var with = PricingEngine.Price(draft with { CouponCodes = [" welcome5 "] });
        var wrong = PricingEngine.Price(draft with { CouponCodes = ["NOPE"] });

        Assert.Equal(20.00m, without.GrandTotal);
        Assert.Equal(15.00m, with.GrandTotal);
        Assert.Equal("WELCOME5", Assert.Single(with.Promotions).CouponCode);
        Assert.Empty(with.UnusedCouponCodes);
        Assert.Equal(["NOPE"], wrong.UnusedCouponCodes);
    }

    [Fact]
    public void Price_TwoOrderPromotions_OnlyTheBiggerApplies()
    {
        var tenPercent = Promo("10%", PromotionKind.PercentOff, PromotionTarget.Order, 10);
        var fiveOff = Promo("5 off", PromotionKind.AmountOff, PromotionTarget.Order, 5);
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 40.00m)) with { Promotions = [tenPercent, fiveOff] };

        var order = PricingEngine.Price(draft);

        Assert.Equal(fiveOff.Id, Assert.Single(order.Promotions).PromotionId);
        Assert.Equal(35.00m, order.GrandTotal);
    }

    [Fact]
    public void Price_OrderPromotionBelowMinimumSpend_DoesNotApply()
    {
        var promo = Promo("10 off 100", PromotionKind.AmountOff, PromotionTarget.Order, 10) with { MinimumSpend = 100 };

        var below = PricingEngine.Price(Order("USD", TaxMode.Exclusive, Line(Coffee, 99.99m)) with { Promotions = [promo] });
        var at = PricingEngine.Price(Order("USD", TaxMode.Exclusive, Line(Coffee, 100m)) with { Promotions = [promo] });

        Assert.Equal(0m, below.PromotionDiscountTotal);
        Assert.Equal(10m, at.PromotionDiscountTotal);
    }

    [Fact]
    public void Price_PromotionsBeforeManualOrderDiscount_ManualPercentOnWhatIsLeft()
    {
        var promo = Promo("5 off", PromotionKind.AmountOff, PromotionTarget.Order, 5);
        var draft = Order("USD", TaxMode.Exclusive, Line(Coffee, 25.00m)) with { Promotions = [promo], OrderDiscount = Discount.Percent(10) };

        var order = PricingEngine.Price(draft);

        Assert.Equal(5.00m, order.PromotionDiscountTotal);
        Assert.Equal(2.00m, order.ManualDiscountTotal);
        Assert.Equal(18.00m, order.GrandTotal);
    }

    [Fact]
    public void Price_BadlySetUpPromotion_IsSkippedAndTheSaleGoesThrough()
    {
        var broken = Promo("150%", PromotionKind.PercentOff, PromotionTarget.Order, 150);
        var noTarget = Promo("No target", PromotionKind.PercentOff, PromotionTarget.Product, 10);

        var order = PricingEngine.Price(Order("USD", TaxMode.Exclusive, Line(Coffee, 10m)) with { Promotions = [broken, noTarget] });

        Assert.NotNull(broken.Validate());
        Assert.NotNull(noTarget.Validate());
        Assert.Empty(order.Promotions);
        Assert.Equal(10m, order.GrandTotal);
    }

    [Fact]
    public void Validate_BuyXGetYOnTheOrder_IsRefused()
    {
        var promo = Promo("B1G1", PromotionKind.BuyXGetY, PromotionTarget.Order, 100) with { BuyQuantity = 1, GetQuantity = 1 };

        Assert.Equal("Buy X get Y applies to a product or a category.", promo.Validate());
    }
}
