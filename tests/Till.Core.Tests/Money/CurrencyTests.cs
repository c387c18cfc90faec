using Till.Core.Money;

namespace Till.Core.Tests.Money;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("IDR", 12345.5, 12346)]
    [InlineData("IDR", 12344.49, 12344)]
    [InlineData("USD", 1.005, 1.01)]
    [InlineData("USD", -1.005, -1.01)]
    [InlineData("KWD", 1.0005, 1.001)]
    public void Round_UsesTheCurrencysMinorUnitAwayFromZero(string currency, double amount, double expected)
    {
        Assert.Equal((decimal)expected, Currency.Round((decimal)amount, currency));
    }

    [Fact]
    public void IsKnown_RejectsMadeUpCodes()
    {
        Assert.True(Currency.IsKnown("idr"));
        Assert.False(Currency.IsKnown("XYZ"));
        Assert.False(Currency.IsKnown(null));
    }
}
