using System.Text;
using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Receipts;
using static Till.Core.Tests.Pricing.Drafts;

namespace Till.Core.Tests.Receipts;

public sealed class ReceiptRenderingTests
{
    private static Receipt Sample(string header = "Jl. Thamrin 1, Jakarta\nNPWP 01.234.567.8-901.000", string footer = "Terima kasih!")
    {
        var promo = new Promotion(Guid.CreateVersion7(), "Happy hour drinks", PromotionKind.PercentOff, PromotionTarget.Category, 20) { TargetId = Drinks };
        var order = PricingEngine.Price(Order("IDR", TaxMode.Exclusive,
                Line(Coffee, 25_000m, 2, taxRate: 11, category: Drinks, name: "Kopi susu gula aren extra large with oat milk"),
                Line(Cake, 32_500m, 1, taxRate: 11, name: "Café cheesecake") with { Modifiers = [new LineModifier("Extra cream", 5_000m)], Note = "Birthday candle please" },
                Line(Tea, 12_000m, 0.5m, taxRate: 0, name: "Teh"))
            with { Promotions = [promo], CashRoundingIncrement = 100m });
        var settlement = PaymentSettler.Settle(order, [new Tender(PaymentMethodKind.Card, 50_000m, "BCA"), new Tender(PaymentMethodKind.Cash, 100_000m)]);
        Assert.True(settlement.Succeeded);
        return new Receipt(new ReceiptNumber("JKT1", "T2", 123), new DateTime(2026, 11, 20, 18, 30, 0), order)
        {
            BranchName = "Till Coffee Jakarta",
            Header = header,
            Footer = footer,
            Cashier = "cashier1",
            Settlement = settlement,
        };
    }

    [Theory]
    [InlineData(ReceiptWidth.Mm58, 32)]
    [InlineData(ReceiptWidth.Mm80, 48)]
    public void Render_Text_NoLineIsWiderThanThePaper(ReceiptWidth width, int columns)
    {
        var text = ReceiptText.Render(Sample(), width);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= columns, $"'{l}' is {l.Length} wide"));
        Assert.Contains(lines, l => l.Length == columns);
    }

    [Fact]
    public void Render_Text_CarriesHeaderLinesTaxesPaymentsChangeAndFooter()
    {
        var text = ReceiptText.Render(Sample(), ReceiptWidth.Mm80);

        Assert.Contains("Till Coffee Jakarta", text);
        Assert.Contains("NPWP 01.234.567.8-901.000", text);
        Assert.Contains("JKT1-T2-000123", text);
        Assert.Contains("Café cheesecake", text);
        Assert.Contains("+ Extra cream", text);
        Assert.Contains("* Birthday candle please", text);
        Assert.Contains("Tax 11%", text);
        Assert.Contains("BCA", text);
        Assert.Contains("Terima kasih!", text);
        Assert.Matches(@"Rounding\s+-25\n", text);
        Assert.Matches(@"TOTAL\s+92,000\n", text);
        Assert.Matches(@"Change\s+58,000\n", text);
    }

    [Fact]
    public void Render_Text_At58mm_LaysOutAPairAsLabelAndRightAlignedAmount()
    {
        var text = ReceiptText.Render(Sample(), ReceiptWidth.Mm58);

        Assert.Contains("\n  2 x 25,000              50,000\n", text);
    }

    [Fact]
    public void Render_Text_NumberWiderThanThePaper_IsWrappedNotCut()
    {
        var number = new ReceiptNumber("BRANCHCODEOFTWENTYCH", "DEVICECODEOFTWENTYCH", 123_456_789);
        var receipt = Sample() with { Number = number };

        var lines = ReceiptText.Render(receipt, ReceiptWidth.Mm58).Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 32, l));
        Assert.Contains(number.ToString(), string.Concat(lines.Select(l => l.Trim())));
    }

    [Fact]
    public void Render_EscPos_InitialisesPrintsBoldAndCentredThenCuts()
    {
        var bytes = ReceiptEscPos.Render(Sample(), ReceiptWidth.Mm58);

        Assert.Equal([0x1B, (byte)'@'], bytes[..2]);
        Assert.Equal([0x1D, (byte)'V', 66, 0], bytes[^4..]);
        Assert.True(Contains(bytes, [0x1B, (byte)'E', 1]), "bold on");
        Assert.True(Contains(bytes, [0x1B, (byte)'E', 0]), "bold off");
        Assert.True(Contains(bytes, [0x1B, (byte)'a', 1]), "centre");
        Assert.All(bytes, b => Assert.True(b < 0x80, $"byte {b:X2} is not ASCII"));
        Assert.True(Contains(bytes, Encoding.ASCII.GetBytes("Cafe cheesecake")), "accents dropped");
    }

    [Fact]
    public void Render_EscPos_PrintsTheSameLinesAsTheTextReceipt()
    {
        var receipt = Sample();

        var printed = Encoding.ASCII.GetString(ReceiptEscPos.Render(receipt, ReceiptWidth.Mm80));
        var text = ReceiptText.Render(receipt, ReceiptWidth.Mm80).Replace("é", "e");

        foreach (var line in text.TrimEnd('\n').Split('\n'))
            Assert.Contains(line.Trim(), printed);
    }

    [Fact]
    public void Render_Html_EncodesEveryText()
    {
        var html = ReceiptHtml.Render(Sample(header: "<script>alert('x')</script>", footer: "Tom & Jerry \"café\""));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("Tom &amp; Jerry &quot;caf&#233;&quot;", html);
        Assert.Contains("JKT1-T2-000123", html);
        Assert.Contains("Change", html);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
