using System.Net;
using System.Text;

namespace Till.Core.Receipts;

/// <summary>The receipt as a small self-contained HTML document (for e-mail, messaging or a browser print). All text is HTML-encoded.</summary>
public static class ReceiptHtml
{
    /// <summary>The receipt as an HTML document.</summary>
    public static string Render(Receipt receipt)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(E("Receipt " + receipt.Number)).Append("</title>\n<style>")
            .Append("body{font-family:monospace;max-width:24rem;margin:auto}.c{text-align:center}.b{font-weight:bold}")
            .Append(".p{display:flex;justify-content:space-between}.i{padding-left:1rem}hr{border:0;border-top:1px dashed #000}")
            .Append("</style></head>\n<body class=\"receipt\">\n");
        foreach (var row in ReceiptLayout.Build(receipt))
        {
            var classes = (row.Bold ? " b" : "") + (row.Indent > 0 ? " i" : "");
            switch (row.Kind)
            {
                case ReceiptRowKind.Rule:
                    sb.Append("<hr>\n");
                    break;
                case ReceiptRowKind.Center:
                    sb.Append("<div class=\"c").Append(classes).Append("\">").Append(E(row.Left)).Append("</div>\n");
                    break;
                case ReceiptRowKind.Text:
                    sb.Append("<div class=\"t").Append(classes).Append("\">").Append(E(row.Left)).Append("</div>\n");
                    break;
                case ReceiptRowKind.Pair:
                    sb.Append("<div class=\"p").Append(classes).Append("\"><span>").Append(E(row.Left))
                        .Append("</span><span>").Append(E(row.Right ?? "")).Append("</span></div>\n");
                    break;
            }
        }
        return sb.Append("</body></html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
