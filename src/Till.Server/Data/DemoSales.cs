using Microsoft.EntityFrameworkCore;
using Till.Core.Pricing;
using Till.Server.Catalog;
using Till.Server.Orders;
using Till.Server.Restaurant;
using Till.Server.Shifts;
using Till.Server.Tenancy;

namespace Till.Server.Data;

/// <summary>
/// The demo tenant's selling history, booked through the real checkout: a week of orders in
/// Jakarta (yesterday's inside a closed shift with a pay-out and a counted close), and a
/// restaurant branch with halls, tables, a kitchen printer and an open tab.
/// </summary>
internal static class DemoSales
{
    public static async Task SeedAsync(IServiceProvider services, TillDbContext db, Guid branchId, CancellationToken ct)
    {
        var checkout = services.GetRequiredService<Checkout>();
        var shifts = services.GetRequiredService<ShiftBook>();
        var clock = services.GetRequiredService<TimeProvider>();
        var random = new Random(20261122);
        var now = clock.GetUtcNow().UtcDateTime;
        var tills = await db.Devices.AsNoTracking().Where(d => d.BranchId == branchId).OrderBy(d => d.Code).ToListAsync(ct);
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).Select(p => new { p.Id, p.Price }).ToListAsync(ct);
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Id).Take(5).ToListAsync(ct);

        for (var day = 7; day >= 1; day--)
        {
            // Jakarta is UTC+7: the shop is open 08:00-21:00 local, 01:00-14:00 UTC.
            var opening = now.Date.AddDays(-day).AddHours(1);
            Shift? shift = null;
            if (day == 1)
            {
                shift = await shifts.OpenAsync(null, tills[0].Id, 500_000m, ct);
                shift.OpenedAt = opening;
                await db.SaveChangesAsync(ct);
            }
            db.ChangeTracker.Clear();

            var count = 12 + random.Next(9);
            for (var i = 0; i < count; i++)
            {
                var till = shift is not null ? tills[0] : tills[random.Next(tills.Count)];
                var picked = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => products[random.Next(products.Count)]).DistinctBy(p => p.Id)
                    .Select(p => (p.Id, p.Price, Quantity: (decimal)(1 + random.Next(3)))).ToList();
                var total = picked.Sum(p => p.Price * p.Quantity);
                var method = random.Next(10) switch { < 6 => "CASH", < 8 => "EWALLET", _ => "CARD" };
                var tender = method == "CASH" ? Math.Ceiling(total / 10_000m) * 10_000m : total;
                await checkout.SellAsync(new SaleInput(branchId, [.. picked.Select(p => new SaleLineInput(p.Id, p.Quantity))], [new TenderInput(method, tender)])
                {
                    DeviceId = till.Id,
                    CustomerId = random.Next(4) == 0 && customers.Count > 0 ? customers[random.Next(customers.Count)] : null,
                    SoldAt = opening.AddMinutes(30 + i * (780 / count) + random.Next(20)),
                }, ct);
                // One unit of work per sale, as a request would have: a tracker that keeps every row slows each save down.
                db.ChangeTracker.Clear();
            }

            if (shift is not null)
            {
                shift = await db.Shifts.FirstAsync(s => s.Id == shift.Id, ct);
                await shifts.MoveCashAsync(null, tills[0].Id, CashMovementKind.PayOut, 50_000m, "Gallon water delivery", ct);
                var expected = (await shifts.ZReportAsync(shift, ct)).ExpectedCash;
                var closed = await shifts.CloseAsync(shift.Id, [new CountedAmount { Method = "CASH", Amount = expected - 2_000m }], "Short 2,000: change given twice", ct);
                closed.ClosedAt = opening.AddHours(13);
                await db.SaveChangesAsync(ct);
            }
        }

        await RestaurantAsync(services, db, checkout, ct);
    }

    private static async Task RestaurantAsync(IServiceProvider services, TillDbContext db, Checkout checkout, CancellationToken ct)
    {
        var branch = new Branch
        {
            Code = "RST1", Name = "Demo Resto Kemang", Currency = "IDR", Timezone = "Asia/Jakarta", TaxMode = TaxMode.Inclusive,
            Address = "Jl. Kemang Raya 5, Jakarta", ReceiptHeader = "Demo Resto Kemang\nJl. Kemang Raya 5", ReceiptFooter = "Terima kasih!",
        };
        db.Branches.Add(branch);
        db.Warehouses.Add(BranchesApi.DefaultWarehouseFor(branch));
        db.Devices.Add(new Device { BranchId = branch.Id, Code = "T1", Name = "Resto till" });
        var menu = new Category { Name = "Resto menu", SortOrder = 200 };
        db.Categories.Add(menu);
        var dishes = new[] { ("RST-001", "Nasi goreng kampung", 35_000m), ("RST-002", "Mie ayam bakso", 28_000m), ("RST-003", "Sate ayam 10 tusuk", 42_000m), ("RST-004", "Es teh manis", 8_000m), ("RST-005", "Kopi susu gula aren", 22_000m) }
            .Select(d => new Product { CategoryId = menu.Id, Sku = d.Item1, Name = d.Item2, Price = d.Item3, Cost = d.Item3 * 0.4m, TaxRate = 10, TrackStock = false, Unit = "portion" })
            .ToList();
        db.Products.AddRange(dishes);
        var main = new Hall { BranchId = branch.Id, Name = "Main hall", SortOrder = 1 };
        var terrace = new Hall { BranchId = branch.Id, Name = "Terrace", SortOrder = 2 };
        db.Halls.AddRange(main, terrace);
        var tables = Enumerable.Range(1, 6).Select(n => new RestaurantTable { BranchId = branch.Id, HallId = main.Id, Name = $"{n}", Seats = n <= 4 ? 4 : 6 })
            .Concat(Enumerable.Range(1, 4).Select(n => new RestaurantTable { BranchId = branch.Id, HallId = terrace.Id, Name = $"T{n}", Seats = 2 })).ToList();
        tables[4].Status = TableStatus.Reserved;
        db.RestaurantTables.AddRange(tables);
        db.KitchenPrinters.Add(new KitchenPrinter { BranchId = branch.Id, Name = "Kitchen", Address = "192.168.1.60:9100" });
        await db.SaveChangesAsync(ct);

        var device = await db.Devices.AsNoTracking().FirstAsync(d => d.BranchId == branch.Id, ct);
        var tab = await checkout.SellAsync(new SaleInput(branch.Id,
            [new SaleLineInput(dishes[0].Id, 2) { Note = "One not spicy" }, new SaleLineInput(dishes[3].Id, 2)], [])
        { DeviceId = device.Id, TableId = tables[2].Id, Guests = 2, Open = true }, ct);
        await services.GetRequiredService<Kitchen>().SendAsync(tab.Id, ct);
    }
}
