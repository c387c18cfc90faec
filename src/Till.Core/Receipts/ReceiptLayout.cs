using System.Globalization;
using Till.Core.Money;
using Till.Core.Payments;
using Till.Core.Pricing;

namespace Till.Core.Receipts;

/// <summary>Turns a receipt into rows, shared by the text, ESC/POS and HTML renderers.</summary>
internal static class ReceiptLayout
{
    public static List<ReceiptRow> Build(Receipt receipt)
    {
        var order = receipt.Order;
        var rows = new List<ReceiptRow>();
        string M(decimal amount) => FormatMoney(amount, order.Currency);

        if (!string.IsNullOrWhiteSpace(receipt.BranchName))
            rows.Add(ReceiptRow.Center(receipt.BranchName, bold: true));
        rows.AddRange(Lines(receipt.Header).Select(l => ReceiptRow.Center(l)));
        rows.Add(ReceiptRow.Rule);
        rows.Add(ReceiptRow.Pair("No", receipt.Number.ToString()));
        rows.Add(ReceiptRow.Pair("Date", receipt.LocalTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(receipt.Cashier))
            rows.Add(ReceiptRow.Pair("Cashier", receipt.Cashier));
        if (!string.IsNullOrWhiteSpace(receipt.Customer))
            rows.Add(ReceiptRow.Pair("Customer", receipt.Customer));
        rows.Add(ReceiptRow.Rule);

        foreach (var line in order.Lines)
        {
            rows.Add(ReceiptRow.Text(line.Name));
            rows.AddRange(line.Modifiers.Select(m => ReceiptRow.Text("+ " + m.Name, indent: 2)));
            if (!string.IsNullOrWhiteSpace(line.Note))
                rows.Add(ReceiptRow.Text("* " + line.Note.Trim(), indent: 2));
            rows.Add(ReceiptRow.Pair($"{FormatQuantity(line.Quantity)} x {M(line.UnitPrice)}", M(line.Gross), indent: 2));
            if (line.ManualDiscount > 0)
                rows.Add(ReceiptRow.Pair("Discount", M(-line.ManualDiscount), indent: 2));
            if (line.PromotionDiscount > 0)
                rows.Add(ReceiptRow.Pair("Promotion", M(-line.PromotionDiscount), indent: 2));
        }
        rows.Add(ReceiptRow.Rule);

        rows.Add(ReceiptRow.Pair("Subtotal", M(order.Subtotal)));
        if (order.DiscountTotal > 0)
            rows.Add(ReceiptRow.Pair("Discount", M(-order.DiscountTotal)));
        rows.AddRange(order.Promotions.Select(p => ReceiptRow.Pair(p.Name, M(-p.Amount), indent: 2)));
        foreach (var tax in order.Taxes.Where(t => t.Tax != 0))
        {
            var rate = tax.Rate.ToString("0.##", CultureInfo.InvariantCulture);
            rows.Add(ReceiptRow.Pair(order.TaxMode == TaxMode.Inclusive ? $"Incl. tax {rate}%" : $"Tax {rate}%", M(tax.Tax)));
        }
        if (order.Rounding != 0)
            rows.Add(ReceiptRow.Pair("Rounding", M(order.Rounding)));
        rows.Add(ReceiptRow.Pair("TOTAL", M(order.GrandTotal), bold: true));

        if (receipt.Settlement is { Succeeded: true } settlement)
        {
            rows.Add(ReceiptRow.Rule);
            rows.AddRange(settlement.Payments.Select(p => ReceiptRow.Pair(PaymentLabel(p), M(p.Tendered))));
            if (settlement.Change > 0)
                rows.Add(ReceiptRow.Pair("Change", M(settlement.Change), bold: true));
        }
        if (order.Loyalty.PointsRedeemed > 0 || order.Loyalty.PointsEarned > 0)
        {
            rows.Add(ReceiptRow.Rule);
            if (order.Loyalty.PointsRedeemed > 0)
                rows.Add(ReceiptRow.Pair("Points redeemed", order.Loyalty.PointsRedeemed.ToString(CultureInfo.InvariantCulture)));
            if (order.Loyalty.PointsEarned > 0)
                rows.Add(ReceiptRow.Pair("Points earned", order.Loyalty.PointsEarned.ToString(CultureInfo.InvariantCulture)));
        }

        var footer = Lines(receipt.Footer).ToList();
        if (footer.Count > 0)
        {
            rows.Add(ReceiptRow.Rule);
            rows.AddRange(footer.Select(l => ReceiptRow.Center(l)));
        }
        return rows;
    }

    /// <summary>Amount with thousands separators and the currency's minor digits, e.g. <c>12,500</c> or <c>3.50</c>.</summary>
    public static string FormatMoney(decimal amount, string currency) =>
        amount.ToString("N" + Currency.MinorUnitDigits(currency), CultureInfo.InvariantCulture);

    private static string FormatQuantity(decimal quantity) => quantity.ToString("0.###", CultureInfo.InvariantCulture);

    private static string PaymentLabel(SettledPayment p) => p.MethodCode ?? p.Kind switch
    {
        PaymentMethodKind.Cash => "Cash",
        PaymentMethodKind.Card => "Card",
        PaymentMethodKind.EWallet => "E-wallet",
        PaymentMethodKind.BankTransfer => "Bank transfer",
        PaymentMethodKind.LoyaltyPoints => "Points",
        _ => "Other",
    };

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim());
}
