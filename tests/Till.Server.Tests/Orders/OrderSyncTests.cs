using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Core.Sync;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;
using Till.Server.Tests.Sync;

namespace Till.Server.Tests.Orders;

public abstract class OrderSyncTests(TillApp app)
{
    private static object Sale(Guid id, int number, Guid product, decimal quantity, decimal? unitPrice, decimal cash, string till = "T1") => new
    {
        id, number = $"B1-{till}-{number:D6}", sold_at = DateTime.UtcNow.AddMinutes(-30),
        lines = new[] { new { product_id = product, quantity, unit_price = unitPrice } },
        payments = new[] { new { method = "CASH", amount = cash } },
    };

    [Fact]
    public async Task BatchPush_SameBatchTwice_AppliesOnceAndSecondAnswerIsAllDuplicates()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 2m);
        var till = await tenant.AddDeviceAsync("T1");
        var shiftId = Guid.CreateVersion7();
        var batch = new[]
        {
            SyncClient.Mutation(1, "shift.open", new { id = shiftId, opening_float = 50m }),
            SyncClient.Mutation(2, "order.complete", Sale(Guid.CreateVersion7(), 1, bread, 2m, 2m, 5m)),
            SyncClient.Mutation(3, "order.complete", Sale(Guid.CreateVersion7(), 2, bread, 1m, 2m, 2m)),
            SyncClient.Mutation(4, "cash.move", new { id = Guid.CreateVersion7(), kind = "pay_out", amount = 3m, reason = "Parking" }),
        };

        var first = await till.Client.PushAsync(batch);
        var second = await till.Client.PushAsync(batch);

        Assert.All(first.Results, r => Assert.Equal(MutationStatus.Applied, r.Status));
        Assert.All(second.Results, r => Assert.Equal(MutationStatus.Duplicate, r.Status));
        Assert.Equal(first.Results[1].Result!.Value.GetRawText(), second.Results[1].Result!.Value.GetRawText());
        Assert.Equal(2, await app.WithDbAsync(tenant.Id, db => db.Orders.CountAsync(o => o.ShiftId == shiftId)));
        Assert.Equal(-3m, await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync()));
        var z = await (await till.Client.GetAsync($"/api/shifts/{shiftId}/z-report")).NodeAsync();
        Assert.Equal(50m + 6m - 3m, z.Dec("expected_cash"));

        // The server's counter follows the till's numbers: the next online sale of T1 goes after them.
        var online = await app.WithDbAsync(tenant.Id, db => db.OrderNumberSeries.Where(s => s.Prefix == "B1-T1").Select(s => s.LastSequence).SingleAsync());
        Assert.Equal(2, online);
    }

    [Fact]
    public async Task BatchPush_OneMalformedOrderInHundred_LeavesTheOther99Applied()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 1m);
        var till = await tenant.AddDeviceAsync("T1");
        var batch = Enumerable.Range(1, 100).Select(i => i == 37
            ? SyncClient.Mutation(i, "order.complete", new { id = Guid.CreateVersion7(), number = $"B1-T1-{i:D6}", lines = new[] { new { quantity = 1m } }, payments = new[] { new { method = "CASH", amount = 1m } } })
            : SyncClient.Mutation(i, "order.complete", Sale(Guid.CreateVersion7(), i, bread, 1m, null, 1m))).ToList();

        var response = await till.Client.PushAsync(batch);

        Assert.Equal(99, response.Results.Count(r => r.Status == MutationStatus.Applied));
        var rejected = Assert.Single(response.Results, r => r.Status == MutationStatus.Rejected);
        Assert.Equal(37, rejected.Seq);
        Assert.Contains("product_id", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(100, response.LastAppliedSeq);
        Assert.Equal(99, await app.WithDbAsync(tenant.Id, db => db.Orders.CountAsync()));
        Assert.Equal(-99m, await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync()));
    }

    [Fact]
    public async Task OrderComplete_OfflineWithStalePriceAndNoStock_IsAcceptedAndFlagged()
    {
        var tenant = await app.CreateTenantAsync();
        var milk = await tenant.Owner.Client.ProductAsync("MILK", 10m);
        var till = await tenant.AddDeviceAsync("T1");
        var id = Guid.CreateVersion7();

        var response = await till.Client.PushAsync([SyncClient.Mutation(1, "order.complete", Sale(id, 7, milk, 2m, 8m, 20m))]);

        Assert.Equal(MutationStatus.Applied, response.Results[0].Status);
        var order = await (await tenant.Owner.Client.GetAsync($"/api/orders/{id}")).NodeAsync();
        Assert.Equal("B1-T1-000007", order["number"]!.GetValue<string>());
        Assert.Equal(16m, order.Dec("grand_total"));
        Assert.Equal(4m, order.Dec("change"));
        Assert.True(order["needs_review"]!.GetValue<bool>());
        Assert.True(order["is_offline"]!.GetValue<bool>());
        var notes = order["review_notes"]!.GetValue<string>();
        Assert.Contains("sold at 8", notes, StringComparison.Ordinal);
        Assert.Contains("server price is 10", notes, StringComparison.Ordinal);
        Assert.Contains("went to -2", notes, StringComparison.Ordinal);
        var flagged = await (await tenant.Owner.Client.GetAsync("/api/orders?needs_review=true")).NodeAsync();
        Assert.Equal(1, flagged["meta"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task TabMutations_OpenAddChangeRemoveMoveClose_CompleteTheTab()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var (soup, tea) = (await client.ProductAsync("SOUP", 4m), await client.ProductAsync("TEA", 1m));
        var hall = (await (await client.PostAsJsonAsync("/api/restaurant/halls", new { branch_id = tenant.BranchId, name = "Hall" })).NodeAsync())["id"]!.GetValue<Guid>();
        var t1 = (await (await client.PostAsJsonAsync("/api/restaurant/tables", new { hall_id = hall, name = "1" })).NodeAsync())["id"]!.GetValue<Guid>();
        var t2 = (await (await client.PostAsJsonAsync("/api/restaurant/tables", new { hall_id = hall, name = "2" })).NodeAsync())["id"]!.GetValue<Guid>();
        var till = await tenant.AddDeviceAsync("T1");
        var (tab, teaLine, extraLine) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        var response = await till.Client.PushAsync(
        [
            SyncClient.Mutation(1, "tab.open", new { id = tab, number = "B1-T1-000001", table_id = t1, open = true, lines = new[] { OrderTestData.Line(soup, 1m) } }),
            SyncClient.Mutation(2, "tab.add_line", new { order_id = tab, line_id = teaLine, line = OrderTestData.Line(tea, 1m) }),
            SyncClient.Mutation(3, "tab.add_line", new { order_id = tab, line_id = extraLine, line = OrderTestData.Line(soup, 1m) }),
            SyncClient.Mutation(4, "tab.change_quantity", new { order_id = tab, line_id = teaLine, quantity = 3m }),
            SyncClient.Mutation(5, "tab.remove_line", new { order_id = tab, line_id = extraLine }),
            SyncClient.Mutation(6, "tab.move_table", new { order_id = tab, table_id = t2 }),
            SyncClient.Mutation(7, "tab.close", new { order_id = tab, payments = new[] { OrderTestData.Pay("CASH", 10m) } }),
            SyncClient.Mutation(8, "tab.add_line", new { order_id = tab, line_id = Guid.CreateVersion7(), line = OrderTestData.Line(tea, 1m) }),
        ]);

        Assert.True(Enumerable.Repeat(MutationStatus.Applied, 7).Append(MutationStatus.Rejected).SequenceEqual(response.Results.Select(r => r.Status)),
            string.Join("; ", response.Results.Select(r => $"{r.Seq} {r.Status} {r.Reason}")));
        var order = await (await client.GetAsync($"/api/orders/{tab}")).NodeAsync();
        Assert.Equal("completed", order["status"]!.GetValue<string>());
        Assert.Equal(t2, order["table_id"]!.GetValue<Guid>());
        Assert.Equal(7m, order.Dec("grand_total"));
        Assert.Equal(3m, order.Dec("change"));
        Assert.Equal(2, order["lines"]!.AsArray().Count);
    }

    [Fact]
    public async Task RefundVoidExpenseAndShiftClose_PushedFromTill_AreApplied()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 2m);
        var category = await tenant.Owner.Client.PostAsJsonAsync("/api/expenses/categories", new { name = "Ice" });
        await CatalogTestData.EnsureAsync(category, System.Net.HttpStatusCode.Created);
        var categoryId = (await category.NodeAsync())["id"]!.GetValue<Guid>();
        var till = await tenant.AddDeviceAsync("T1");
        var (shift, first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await till.Client.PushAsync(
        [
            SyncClient.Mutation(1, "shift.open", new { id = shift, opening_float = 10m }),
            SyncClient.Mutation(2, "order.complete", Sale(first, 1, bread, 3m, null, 6m)),
            SyncClient.Mutation(3, "order.complete", Sale(second, 2, bread, 1m, null, 2m)),
        ]);
        var lineId = (await (await tenant.Owner.Client.GetAsync($"/api/orders/{first}")).NodeAsync())["lines"]![0]!["id"]!.GetValue<Guid>();

        var response = await till.Client.PushAsync(
        [
            SyncClient.Mutation(4, "order.refund", new { order_id = first, refund = new { id = Guid.CreateVersion7(), lines = new[] { new { line_id = lineId, quantity = 1m } } } }),
            SyncClient.Mutation(5, "order.refund", new { order_id = first, refund = new { id = Guid.CreateVersion7(), lines = new[] { new { line_id = lineId, quantity = 5m } } } }),
            SyncClient.Mutation(6, "order.void", new { order_id = second, reason = "Customer left" }),
            SyncClient.Mutation(7, "expense.add", new { id = Guid.CreateVersion7(), category_id = categoryId, amount = 1m, description = "Ice", source = "drawer" }),
            SyncClient.Mutation(8, "shift.close", new { shift_id = shift, close = new { counted = new[] { new { method = "CASH", amount = 13m } } } }),
        ]);

        Assert.Equal([MutationStatus.Applied, MutationStatus.Rejected, MutationStatus.Applied, MutationStatus.Applied, MutationStatus.Applied], response.Results.Select(r => r.Status));
        // Float 10 + 6 + 2 - refund 2 - void 2 - expense 1 = 13.
        var closed = await (await till.Client.GetAsync($"/api/shifts/{shift}")).NodeAsync();
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal(13m, closed.Dec("expected_cash"));
        Assert.Equal(0m, closed.Dec("cash_variance"));
        Assert.Equal(-2m, await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync()));
    }
}

public sealed class OrderSyncTestsSqlite(SqliteApp app) : OrderSyncTests(app);

public sealed class OrderSyncTestsPostgres(PostgresApp app) : OrderSyncTests(app);
