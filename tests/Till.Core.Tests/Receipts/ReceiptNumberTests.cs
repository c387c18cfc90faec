using Till.Core.Receipts;

namespace Till.Core.Tests.Receipts;

public sealed class ReceiptNumberTests
{
    [Fact]
    public void ToString_AnySequence_IsPaddedToAtLeastSixDigits()
    {
        Assert.Equal("JKT1-T2-000123", new ReceiptNumber("JKT1", "T2", 123).ToString());
        Assert.Equal("JKT1-T2-1234567", new ReceiptNumber("JKT1", "T2", 1_234_567).ToString());
    }

    [Theory]
    [InlineData("JKT1-T2-000123", "JKT1", "T2", 123)]
    [InlineData("BDG1-POS10-1234567", "BDG1", "POS10", 1234567)]
    public void Parse_CanonicalText_GivesItsParts(string text, string branch, string device, long sequence)
    {
        var number = ReceiptNumber.Parse(text);

        Assert.Equal(new ReceiptNumber(branch, device, sequence), number);
        Assert.Equal(text, number.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("JKT1-T2-123")]
    [InlineData("JKT1-T2-0000123")]
    [InlineData("JKT1-T2-000000")]
    [InlineData("jkt1-T2-000123")]
    [InlineData("JKT-1-T2-000123")]
    [InlineData("JKT1--000123")]
    [InlineData("JKT1-T2-00012a")]
    [InlineData("JKT1-T2-+00123")]
    public void TryParse_AnythingElse_IsRefused(string? text)
    {
        Assert.False(ReceiptNumber.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReceiptNumber.Parse(text!));
    }

    [Theory]
    [InlineData("jkt1", "T2", 1)]
    [InlineData("JKT-1", "T2", 1)]
    [InlineData("JKT1", "", 1)]
    [InlineData("JKT1", "T2", 0)]
    public void Constructor_BadParts_Throws(string branch, string device, long sequence)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ReceiptNumber(branch, device, sequence));
    }

    [Fact]
    public void Next_TwoDevicesOfflineAtOnce_NeverHandOutTheSameNumber()
    {
        var seen = new HashSet<string>();
        var devices = new[] { ReceiptNumber.First("JKT1", "T1"), ReceiptNumber.First("JKT1", "T2"), ReceiptNumber.First("BDG1", "T1") };

        foreach (var first in devices)
        {
            var number = first;
            for (var i = 0; i < 2_000; i++, number = number.Next())
                Assert.True(seen.Add(number.ToString()), $"{number} was handed out twice");
        }

        Assert.Equal(6_000, seen.Count);
    }
}
