using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Till.Server.Data;
using Till.Server.Orders;

namespace Till.Server.Restaurant;

/// <summary>
/// Sends what is new on an order to the branch's kitchen printer as a stored ticket job. Each line
/// remembers how much was already sent, so sending twice prints only additions.
/// </summary>
internal sealed class Kitchen(TillDbContext db, TimeProvider clock)
{
    public async Task<KitchenTicket?> SendAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct)
            ?? throw Checkout.Refuse(OrderError.NotFound("The order"));
        if (order.Status == OrderStatus.Voided) throw Checkout.Refuse(OrderError.Conflict("The order is voided."));
        var pending = order.Lines.Where(l => !l.IsDeleted).OrderBy(l => l.Position).Where(l => l.Quantity > l.SentToKitchen).ToList();
        if (pending.Count == 0) return null;

        var table = order.TableId is { } tableId ? await db.RestaurantTables.AsNoTracking().Where(t => t.Id == tableId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        var printer = await db.KitchenPrinters.AsNoTracking().Where(p => p.BranchId == order.BranchId).OrderBy(p => p.Name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ORDER {order.Number}\n");
        if (table is not null) text.Append(CultureInfo.InvariantCulture, $"TABLE {table}\n");
        text.Append(CultureInfo.InvariantCulture, $"{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC\n");
        foreach (var line in pending)
        {
            text.Append(CultureInfo.InvariantCulture, $"{line.Quantity - line.SentToKitchen:0.###} x {line.Name}\n");
            foreach (var modifier in Checkout.ReadModifiers(line.ModifiersJson)) text.Append(CultureInfo.InvariantCulture, $"   + {modifier.Name}\n");
            if (!string.IsNullOrWhiteSpace(line.Note)) text.Append(CultureInfo.InvariantCulture, $"   * {line.Note.Trim()}\n");
            line.SentToKitchen = line.Quantity;
        }
        var ticket = new KitchenTicket
        {
            BranchId = order.BranchId, OrderId = order.Id, TableId = order.TableId, PrinterId = printer, Status = KitchenTicketStatus.Queued,
            Content = text.Length > 8000 ? text.ToString(0, 8000) : text.ToString(),
        };
        db.KitchenTickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return ticket;
    }
}
