using Till.Core.Money;

namespace Till.Core.Tests.Money;

public sealed class AllocationTests
{
    [Fact]
    public void Spread_ProportionalWithRemainder_GivesTheExtraUnitToTheLargestRemainder()
    {
        Assert.Equal([1_667m, 3_333m, 5_000m], Allocation.Spread(10_000m, [10_000m, 20_000m, 30_000m], "IDR"));
    }

    [Fact]
    public void Spread_EqualRemainders_FavourTheEarlierPart()
    {
        Assert.Equal([0.01m, 0.01m, 0m], Allocation.Spread(0.02m, [0.05m, 0.05m, 0.05m], "USD"));
    }

    [Fact]
    public void Spread_NegativeAmount_SplitsLikeThePositiveOne()
    {
        Assert.Equal([-17m, -33m], Allocation.Spread(-50m, [1_000m, 2_000m], "IDR"));
    }

    [Fact]
    public void Spread_HugeAmountsAndMixedScales_StaysExact()
    {
        var weights = new[] { 79_000_000_000_000_000m, 0.001m, 12_345_678_901_234.567m };

        var parts = Allocation.Spread(50_000_000_000_000_000.123m, weights, "KWD");

        Assert.Equal(50_000_000_000_000_000.123m, parts.Sum());
        Assert.All(parts.Zip(weights), p => Assert.True(p.First <= p.Second));
    }

    [Fact]
    public void Spread_AmountFinerThanTheCurrency_Throws()
    {
        Assert.Throws<ArgumentException>(() => Allocation.Spread(0.5m, [1m, 1m], "IDR"));
    }
}
