using System.Text;

namespace Till.Core.Receipts;

/// <summary>Plain-text receipts for 58 mm (32 columns) and 80 mm (48 columns) paper.</summary>
public static class ReceiptText
{
    /// <summary>The receipt as text lines no wider than <paramref name="width"/>, joined with <c>\n</c>.</summary>
    public static string Render(Receipt receipt, ReceiptWidth width)
    {
        var sb = new StringBuilder();
        foreach (var row in ReceiptLayout.Build(receipt))
        {
            foreach (var line in Fit(row, (int)width))
                sb.Append(row.Kind == ReceiptRowKind.Center ? Centre(line, (int)width) : line).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The row as lines of at most <paramref name="width"/> characters (centred rows not yet padded).</summary>
    internal static IEnumerable<string> Fit(ReceiptRow row, int width)
    {
        var pad = new string(' ', row.Indent);
        switch (row.Kind)
        {
            case ReceiptRowKind.Rule:
                yield return new string('-', width);
                break;
            case ReceiptRowKind.Center:
                foreach (var l in Wrap(row.Left, width))
                    yield return l;
                break;
            case ReceiptRowKind.Text:
                foreach (var l in Wrap(row.Left, width - row.Indent))
                    yield return pad + l;
                break;
            case ReceiptRowKind.Pair:
                var right = row.Right ?? "";
                // A value wider than the paper (a long receipt number) goes on lines of its own, never cut.
                if (right.Length > width)
                {
                    foreach (var l in Wrap(row.Left, width - row.Indent))
                        yield return pad + l;
                    foreach (var chunk in right.Chunk(width))
                        yield return new string(chunk).PadLeft(width);
                    break;
                }
                var wrapped = Wrap(row.Left, width - row.Indent).ToList();
                var last = pad + wrapped[^1];
                foreach (var l in wrapped.Take(wrapped.Count - 1))
                    yield return pad + l;
                if (last.Length + 1 + right.Length <= width)
                {
                    yield return last + new string(' ', width - last.Length - right.Length) + right;
                }
                else
                {
                    yield return last;
                    yield return new string(' ', width - right.Length) + right;
                }
                break;
        }
    }

    /// <summary>Word-wraps <paramref name="text"/>; words longer than a line are cut.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = line.Length == 0 ? width : width - line.Length - 1;
                if (rest.Length <= room)
                {
                    if (line.Length > 0)
                        line.Append(' ');
                    line.Append(rest);
                    rest = "";
                }
                else if (line.Length > 0)
                {
                    yield return line.ToString();
                    line.Clear();
                }
                else
                {
                    yield return rest[..width];
                    rest = rest[width..];
                }
            }
        }
        yield return line.ToString();
    }

    private static string Centre(string line, int width) =>
        line.Length >= width ? line : new string(' ', (width - line.Length) / 2) + line;
}
