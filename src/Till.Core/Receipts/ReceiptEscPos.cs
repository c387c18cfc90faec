using System.Globalization;
using System.Text;

namespace Till.Core.Receipts;

/// <summary>
/// The receipt as ESC/POS bytes for thermal printers: initialise, centred and bold rows, the
/// same columns as the text receipt, then feed and cut. Text goes out as ASCII (accents dropped,
/// other characters as <c>?</c>) so it prints on any code page.
/// </summary>
public static class ReceiptEscPos
{
    private const byte Esc = 0x1B;
    private const byte Gs = 0x1D;
    private const byte Lf = 0x0A;

    /// <summary>ESC @: reset the printer.</summary>
    public static ReadOnlySpan<byte> Initialise => [Esc, (byte)'@'];

    /// <summary>GS V 66 0: feed to the cutter and cut (partial cut).</summary>
    public static ReadOnlySpan<byte> FeedAndCut => [Gs, (byte)'V', 66, 0];

    /// <summary>The receipt for a printer with <paramref name="width"/> columns.</summary>
    public static byte[] Render(Receipt receipt, ReceiptWidth width)
    {
        var bytes = new List<byte>(2048);
        bytes.AddRange(Initialise);
        foreach (var row in ReceiptLayout.Build(receipt))
        {
            var centre = row.Kind == ReceiptRowKind.Center;
            // ESC a n: alignment (0 left, 1 centre); ESC E n: bold on or off.
            bytes.AddRange([Esc, (byte)'a', centre ? (byte)1 : (byte)0]);
            if (row.Bold)
                bytes.AddRange([Esc, (byte)'E', 1]);
            foreach (var line in ReceiptText.Fit(row, (int)width))
            {
                bytes.AddRange(Ascii(line));
                bytes.Add(Lf);
            }
            if (row.Bold)
                bytes.AddRange([Esc, (byte)'E', 0]);
        }
        bytes.AddRange([Esc, (byte)'a', 0]);
        bytes.AddRange(FeedAndCut);
        return [.. bytes];
    }

    private static byte[] Ascii(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            sb.Append(c is >= ' ' and <= '~' ? c : '?');
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
