using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Orders;

public abstract class ShiftsTests(TillApp app)
{
    private static async Task<Guid> OpenShiftAsync(HttpClient till, decimal openingFloat)
    {
        var response = await till.PostAsJsonAsync("/api/shifts", new { opening_float = openingFloat });
        await CatalogTestData.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task ZReport_AfterSalesRefundAndCashMovements_MatchesTheirSums()
    {
        var tenant = await app.CreateTenantAsync();
        var coffee = await tenant.Owner.Client.ProductAsync("COF", 10m, taxRate: 10m);
        var cake = await tenant.Owner.Client.ProductAsync("CAK", 5m);
        var till = (await app.LicensedTillsAsync(tenant, 1))[0].Client;
        var shiftId = await OpenShiftAsync(till, 100m);
        var category = await tenant.Owner.Client.PostAsJsonAsync("/api/expenses/categories", new { name = "Ice" });
        var categoryId = (await category.NodeAsync())["id"]!.GetValue<Guid>();

        var first = await till.CompletedAsync(tenant.BranchId, [OrderTestData.Line(coffee, 3m)], [OrderTestData.Pay("CASH", 50m)]);
        var second = await till.CompletedAsync(tenant.BranchId, [OrderTestData.Line(cake, 2m)], [OrderTestData.Pay("CARD", 10m)]);
        var refund = await till.PostAsJsonAsync($"/api/orders/{second["id"]}/refunds", new { lines = new[] { new { line_id = second["lines"]![0]!["id"], quantity = 1m } } });
        var payIn = await till.PostAsJsonAsync("/api/cash-movements", new { kind = "pay_in", amount = 20m, reason = "Change from the bank" });
        var payOut = await till.PostAsJsonAsync("/api/cash-movements", new { kind = "pay_out", amount = 5m, reason = "Tip jar" });
        var expense = await till.PostAsJsonAsync("/api/expenses", new { category_id = categoryId, amount = 7m, description = "Ice bags", source = "drawer" });
        var deposit = await till.PostAsJsonAsync("/api/expenses", new { category_id = categoryId, amount = 70m, description = "Freezer repair", source = "deposit", deposit_source = "BCA" });
        foreach (var response in new[] { refund, payIn, payOut, expense, deposit }) await CatalogTestData.EnsureAsync(response, HttpStatusCode.Created);
        var close = await till.PostAsJsonAsync($"/api/shifts/{shiftId}/close", new { counted = new[] { new { method = "CASH", amount = 140m } } });
        var z = await (await till.GetAsync($"/api/shifts/{shiftId}/z-report")).NodeAsync();

        // Cash: float 100 + sale 33 + pay-in 20 - pay-out 5 - expense 7 = 141; counted 140.
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var closed = await close.NodeAsync();
        Assert.Equal(141m, closed.Dec("expected_cash"));
        Assert.Equal(-1m, closed.Dec("cash_variance"));
        var card = closed["methods"]!.AsArray().Single(m => m!["method"]!.GetValue<string>() == "CARD")!;
        Assert.Equal((5m, 5m, 0m), (card.Dec("expected"), card.Dec("counted"), card.Dec("variance")));

        var orders = await app.WithDbAsync(tenant.Id, db => db.Orders.Where(o => o.ShiftId == shiftId).Select(o => o.GrandTotal).ToListAsync());
        Assert.Equal(2, z["orders"]!.GetValue<int>());
        Assert.Equal(orders.Sum(), z.Dec("sales"));
        Assert.Equal(43m, z.Dec("sales"));
        Assert.Equal(1, z["refunds"]!.GetValue<int>());
        Assert.Equal(5m, z.Dec("refunded_total"));
        Assert.Equal((20m, 5m, 7m), (z.Dec("pay_ins"), z.Dec("pay_outs"), z.Dec("expenses")));
        Assert.Equal(141m, z.Dec("expected_cash"));
        Assert.Equal(140m, z.Dec("counted_cash"));
        var cash = z["payments"]!.AsArray().Single(p => p!["method"]!.GetValue<string>() == "CASH")!;
        Assert.Equal(33m, cash.Dec("net"));
        var cardZ = z["payments"]!.AsArray().Single(p => p!["method"]!.GetValue<string>() == "CARD")!;
        Assert.Equal((10m, 5m, 5m), (cardZ.Dec("sales"), cardZ.Dec("refunds"), cardZ.Dec("net")));
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Shift_OpenedTwiceOnOneTill_Answers409()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        await OpenShiftAsync(till.Client, 50m);

        var again = await till.Client.PostAsJsonAsync("/api/shifts", new { opening_float = 50m });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Void_WithPermissionAndOpenShift_ReversesPaymentsAndStock()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 2m);
        var till = (await app.LicensedTillsAsync(tenant, 1))[0].Client;
        var shiftId = await OpenShiftAsync(till, 0m);
        var order = await till.CompletedAsync(tenant.BranchId, [OrderTestData.Line(bread, 2m)], [OrderTestData.Pay("CASH", 4m)]);

        var voided = await till.PostAsJsonAsync($"/api/orders/{order["id"]}/void", new { reason = "Rang up twice" });

        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal("voided", (await voided.NodeAsync())["status"]!.GetValue<string>());
        var level = await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync());
        Assert.Equal(0m, level);
        var z = await (await till.GetAsync($"/api/shifts/{shiftId}/z-report")).NodeAsync();
        Assert.Equal(0m, z.Dec("expected_cash"));
        Assert.Equal(0m, z.Dec("sales"));
    }
}

public sealed class ShiftsTestsSqlite(SqliteApp app) : ShiftsTests(app);

public sealed class ShiftsTestsPostgres(PostgresApp app) : ShiftsTests(app);
