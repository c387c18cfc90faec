namespace Till.Core.Receipts;

/// <summary>One logical row of a receipt; each renderer lays it out for its medium.</summary>
internal sealed record ReceiptRow(ReceiptRowKind Kind, string Left, string? Right = null, bool Bold = false, int Indent = 0)
{
    public static ReceiptRow Rule { get; } = new(ReceiptRowKind.Rule, "");

    public static ReceiptRow Center(string text, bool bold = false) => new(ReceiptRowKind.Center, text, Bold: bold);

    public static ReceiptRow Text(string text, int indent = 0) => new(ReceiptRowKind.Text, text, Indent: indent);

    public static ReceiptRow Pair(string left, string right, bool bold = false, int indent = 0) =>
        new(ReceiptRowKind.Pair, left, right, bold, indent);
}
