using Till.Core.Pricing;
using static Till.Core.Tests.Pricing.Drafts;

namespace Till.Core.Tests.Pricing;

public sealed class LoyaltyTests
{
    [Fact]
    public void Price_RedeemingPoints_PaysPartAndEarnsOnTheRest()
    {
        var draft = Order("IDR", TaxMode.Inclusive, Line(Coffee, 123_400m))
            with { CashRoundingIncrement = 100m, Loyalty = new LoyaltySettings(SpendPerPoint: 10_000m, PointValue: 100m, PointsToRedeem: 50) };

        var order = PricingEngine.Price(draft);

        Assert.Equal(new LoyaltyOutcome(PointsRedeemed: 50, RedeemedValue: 5_000m, PointsEarned: 11), order.Loyalty);
        Assert.Equal(118_400m, order.AmountDue);
        Assert.Equal(123_400m, order.GrandTotal);
    }

    [Fact]
    public void Price_MorePointsThanTheTotal_RedeemsOnlyWhatTheTotalNeeds()
    {
        var draft = Order("IDR", TaxMode.Inclusive, Line(Coffee, 20_000m))
            with { Loyalty = new LoyaltySettings(10_000m, 100m, PointsToRedeem: 10_000) };

        var order = PricingEngine.Price(draft);

        Assert.Equal(new LoyaltyOutcome(200, 20_000m, 0), order.Loyalty);
        Assert.Equal(0m, order.AmountDue);
    }

    [Fact]
    public void Price_RedemptionWithCashRounding_RedeemsWholeSteps()
    {
        var draft = Order("IDR", TaxMode.Inclusive, Line(Coffee, 20_000m))
            with { CashRoundingIncrement = 500m, Loyalty = new LoyaltySettings(0m, 30m, PointsToRedeem: 40) };

        var order = PricingEngine.Price(draft);

        // 40 points are worth 1,200; whole steps of 500 give 1,000, which takes 34 points (33.3 rounded up).
        Assert.Equal(new LoyaltyOutcome(34, 1_000m, 0), order.Loyalty);
        Assert.Equal(19_000m, order.AmountDue);
    }
}
