using Microsoft.EntityFrameworkCore;
using Till.Core.Payments;
using Till.Core.Receipts;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Orders;

/// <summary><c>GET /api/orders/{id}/receipt?format=text|escpos|html&amp;width=58|80</c>: the printed receipt, from the stored amounts.</summary>
internal static class OrderReceipts
{
    public static async Task<IResult> Render(Guid id, string? format, int? width, TillDbContext db, Checkout checkout, CancellationToken ct)
    {
        var paper = width switch { null or 80 => ReceiptWidth.Mm80, 58 => ReceiptWidth.Mm58, _ => (ReceiptWidth?)null };
        if (paper is null) return Problems.Validation("width", "The paper width is 58 or 80 (mm).");
        if (format is not (null or "text" or "escpos" or "html")) return Problems.Validation("format", "The format is text, escpos or html.");
        var order = await checkout.LoadAsync(id, ct);
        if (order is null) return Problems.NotFound("The order");
        if (order.Number is null || !ReceiptNumber.TryParse(order.Number, out var number)) return Problems.Unprocessable("The order has no number yet.");

        var branch = await db.Branches.AsNoTracking().FirstAsync(b => b.Id == order.BranchId, ct);
        var cashier = order.CashierId is { } userId ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.FullName).FirstOrDefaultAsync(ct) : null;
        var customer = order.CustomerId is { } customerId ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var paid = order.Payments.Where(p => p.RefundId is null && p.Amount > 0).OrderBy(p => p.PaidAt).ThenBy(p => p.Position)
            .Select(p => new SettledPayment(p.Kind, p.MethodCode, p.Reference, p.Tendered, p.Amount)).ToList();
        var receipt = new Receipt(number, BranchTime.Local(branch, order.CompletedAt ?? order.OpenedAt), Checkout.Stored(order))
        {
            BranchName = branch.Name, Header = branch.ReceiptHeader, Footer = branch.ReceiptFooter, Cashier = cashier, Customer = customer,
            Settlement = order.Status == OrderStatus.Open ? null
                : new Settlement(SettlementError.None, null, order.GrandTotal, paid, order.Tendered, order.Change, 0m),
        };
        return format switch
        {
            "escpos" => Results.File(ReceiptEscPos.Render(receipt, paper.Value), "application/octet-stream", $"{order.Number}.bin"),
            "html" => Results.Content(ReceiptHtml.Render(receipt), "text/html; charset=utf-8"),
            _ => Results.Text(ReceiptText.Render(receipt, paper.Value), "text/plain; charset=utf-8"),
        };
    }
}
