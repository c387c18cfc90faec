using Till.Core.Payments;
using Till.Core.Pricing;
using static Till.Core.Tests.Pricing.Drafts;

namespace Till.Core.Tests.Payments;

public sealed class PaymentSettlerTests
{
    private static readonly PricedOrder Order38_99 = PricingEngine.Price(
        Order("USD", TaxMode.Exclusive, Line(Coffee, 10.00m, 3, taxRate: 10), Line(Cake, 4.99m, 1, taxRate: 20)));

    [Fact]
    public void Settle_CardAndCash_GivesChangeFromTheCash()
    {
        var settlement = PaymentSettler.Settle(Order38_99, [
            new Tender(PaymentMethodKind.Card, 20.00m, "VISA", "AUTH123"),
            new Tender(PaymentMethodKind.Cash, 50.00m),
        ]);

        Assert.True(settlement.Succeeded);
        Assert.Equal(31.01m, settlement.Change);
        Assert.Equal([20.00m, 18.99m], settlement.Payments.Select(p => p.Amount));
        Assert.Equal(50.00m, settlement.Payments[1].Tendered);
        Assert.Equal(38.99m, settlement.Paid);
    }

    [Fact]
    public void Settle_EveryNonCashMethodTogether_CoversTheTotalExactly()
    {
        var settlement = PaymentSettler.Settle(Order38_99, [
            new Tender(PaymentMethodKind.EWallet, 10.00m, "GOPAY"),
            new Tender(PaymentMethodKind.BankTransfer, 10.00m),
            new Tender(PaymentMethodKind.Custom, 10.00m, "QRIS"),
            new Tender(PaymentMethodKind.Card, 8.99m),
        ]);

        Assert.True(settlement.Succeeded);
        Assert.Equal(0m, settlement.Change);
        Assert.Equal(38.99m, settlement.Paid);
    }

    [Fact]
    public void Settle_CardAboveTheTotal_IsRefusedBecauseOnlyCashGivesChange()
    {
        var settlement = PaymentSettler.Settle(Order38_99, [new Tender(PaymentMethodKind.Card, 40.00m)]);

        Assert.Equal(SettlementError.NonCashOverpaid, settlement.Error);
        Assert.Empty(settlement.Payments);
    }

    [Fact]
    public void Settle_NotEnough_ReportsTheShortfall()
    {
        var settlement = PaymentSettler.Settle(Order38_99, [new Tender(PaymentMethodKind.Cash, 20.00m), new Tender(PaymentMethodKind.Card, 10.00m)]);

        Assert.Equal(SettlementError.Underpaid, settlement.Error);
        Assert.Equal(8.99m, settlement.Shortfall);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10.001)]
    public void Settle_AmountThatIsNotMoney_IsRefused(double amount)
    {
        var settlement = PaymentSettler.Settle(Order38_99, [new Tender(PaymentMethodKind.Cash, 50m), new Tender(PaymentMethodKind.Card, (decimal)amount)]);

        Assert.Equal(SettlementError.InvalidPayment, settlement.Error);
    }

    [Fact]
    public void Settle_UnknownMethodKind_IsRefused()
    {
        var settlement = PaymentSettler.Settle(Order38_99, [new Tender((PaymentMethodKind)42, 38.99m)]);

        Assert.Equal(SettlementError.InvalidPayment, settlement.Error);
    }

    [Fact]
    public void Settle_LoyaltyPaymentOtherThanTheRedeemedValue_IsRefused()
    {
        var order = PricingEngine.Price(Order("IDR", TaxMode.Inclusive, Line(Coffee, 50_000m))
            with { Loyalty = new LoyaltySettings(10_000m, 100m, PointsToRedeem: 100) });

        var wrong = PaymentSettler.Settle(order, [new Tender(PaymentMethodKind.Cash, 50_000m)]);
        var right = PaymentSettler.Settle(order, [new Tender(PaymentMethodKind.LoyaltyPoints, 10_000m), new Tender(PaymentMethodKind.Cash, 50_000m)]);

        Assert.Equal(SettlementError.LoyaltyMismatch, wrong.Error);
        Assert.True(right.Succeeded);
        Assert.Equal(10_000m, right.Change);
        Assert.Equal(50_000m, right.Paid);
    }

    [Fact]
    public void Settle_ZeroTotalWithoutPayments_Succeeds()
    {
        var settlement = PaymentSettler.Settle(0m, "IDR", []);

        Assert.True(settlement.Succeeded);
        Assert.Equal(0m, settlement.Change);
    }
}
