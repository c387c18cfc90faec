using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;
using Till.Server.Tests.Sync;

namespace Till.Server.Tests.Orders;

public abstract class OrderSyncTests(TillApp app)
{
    private static OrderComplete Sale(Guid id, int number, Guid product, decimal quantity, decimal unitPrice, decimal cash, Guid? lineId = null, Guid? shiftId = null)
    {
        var total = quantity * unitPrice;
        return new OrderComplete(id, $"B1-T1-{number:D6}", shiftId, null, null, Guid.Empty, "take_away", null, "USD",
            [new OrderLinePayload(lineId ?? Guid.CreateVersion7(), product, "Bread", quantity, unitPrice, 0m, 0m, total)],
            [new OrderPaymentPayload("cash", total, cash, cash - total)],
            total, 0m, 0m, 0m, total, 0, 0, DateTime.UtcNow.AddMinutes(-30));
    }

    [Fact]
    public async Task BatchPush_SameBatchTwice_AppliesOnceAndSecondAnswerIsAllDuplicates()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 2m);
        var till = await tenant.AddDeviceAsync("T1");
        var shiftId = Guid.CreateVersion7();
        var batch = new[]
        {
            SyncClient.Mutation(1, MutationKinds.ShiftOpen, new ShiftOpen(shiftId, null, 50m, DateTime.UtcNow.AddHours(-1))),
            SyncClient.Mutation(2, MutationKinds.OrderComplete, Sale(Guid.CreateVersion7(), 1, bread, 2m, 2m, 5m, shiftId: shiftId)),
            SyncClient.Mutation(3, MutationKinds.OrderComplete, Sale(Guid.CreateVersion7(), 2, bread, 1m, 2m, 2m, shiftId: shiftId)),
            SyncClient.Mutation(4, MutationKinds.CashMove, new CashMove(Guid.CreateVersion7(), shiftId, "pay_out", 3m, "Parking", DateTime.UtcNow)),
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
    public async Task OrderCompleteRun_WithANumberUsedBefore_RefusesThatSaleAlone()
    {
        // A run is inserted without asking for its numbers first; the unique index refuses the run and
        // the push books it one by one, where only the sale with the used number is refused.
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 2m);
        var till = await tenant.AddDeviceAsync("T1");
        var first = await till.Client.PushAsync([SyncClient.Mutation(1, MutationKinds.OrderComplete, Sale(Guid.CreateVersion7(), 1, bread, 1m, 2m, 2m))]);
        Assert.Equal(MutationStatus.Applied, Assert.Single(first.Results).Status);

        var response = await till.Client.PushAsync(
        [
            SyncClient.Mutation(2, MutationKinds.OrderComplete, Sale(Guid.CreateVersion7(), 2, bread, 1m, 2m, 2m)),
            SyncClient.Mutation(3, MutationKinds.OrderComplete, Sale(Guid.CreateVersion7(), 1, bread, 1m, 2m, 2m)),
            SyncClient.Mutation(4, MutationKinds.OrderComplete, Sale(Guid.CreateVersion7(), 3, bread, 1m, 2m, 2m)),
        ]);

        Assert.Equal([MutationStatus.Applied, MutationStatus.Rejected, MutationStatus.Applied], response.Results.Select(r => r.Status));
        Assert.Contains("B1-T1-000001", response.Results[1].Reason);
        Assert.Equal(3, await app.WithDbAsync(tenant.Id, db => db.Orders.CountAsync()));
        Assert.Equal(-3m, await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync()));
    }

    [Fact]
    public async Task OrderCompleteRun_PushedAtOnce_BooksExactlyWhatOneByOneBooks()
    {
        // The same till history twice, in two tenants: one push with the whole run (booked set-based)
        // and one push per mutation. Stale prices, stock going below zero, untracked products, a
        // customer earning points and an unknown shift must come out identical, balance by balance.
        async Task<(string Booked, int LevelChanges)> BookAsync(bool atOnce)
        {
            var tenant = await app.CreateTenantAsync();
            var client = tenant.Owner.Client;
            var bread = await client.ProductAsync("BREAD", 2m);
            var milk = await client.ProductAsync("MILK", 10m, taxRate: 10m);
            var tea = await client.ProductAsync("TEA", 3m, trackStock: false);
            await CatalogTestData.EnsureAsync(await client.PutAsJsonAsync("/api/sales-settings", new { spend_per_point = 5m, point_value = 1m }), System.Net.HttpStatusCode.OK);
            var created = await client.PostAsJsonAsync("/api/customers", new { code = "C001", name = "Ann" });
            var customer = (await created.NodeAsync())["id"]!.GetValue<Guid>();
            var till = await tenant.AddDeviceAsync("T1");
            var shiftId = Guid.CreateVersion7();
            var mutations = new List<object> { SyncClient.Mutation(1, MutationKinds.ShiftOpen, new ShiftOpen(shiftId, null, 50m, DateTime.UtcNow.AddHours(-2))) };
            for (var i = 2; i <= 25; i++)
            {
                var lines = new List<OrderLinePayload> { new(Guid.CreateVersion7(), bread, "Bread", 1 + i % 3, 2m, 0m, 0m, (1 + i % 3) * 2m) };
                if (i % 3 == 0) lines.Add(new(Guid.CreateVersion7(), milk, "Milk", 1m, 9m, 0m, 0m, 9.9m));
                if (i % 4 == 0) lines.Add(new(Guid.CreateVersion7(), tea, "Tea", 2m, 3m, 0m, 0m, 6m));
                var total = lines.Sum(l => l.Total);
                mutations.Add(SyncClient.Mutation(i, MutationKinds.OrderComplete, new OrderComplete(Guid.CreateVersion7(), $"B1-T1-{i:D6}",
                    i % 5 == 0 ? Guid.CreateVersion7() : shiftId, null, i % 2 == 0 ? customer : null, Guid.Empty, "take_away", null, "USD",
                    lines, [new OrderPaymentPayload("cash", total, total + 1m, 1m)], total, 0m, 0m, 0m, total, 0, 0, DateTime.UtcNow.AddMinutes(-60 + i))));
            }

            if (atOnce)
            {
                Assert.All((await till.Client.PushAsync(mutations)).Results, r => Assert.Equal(MutationStatus.Applied, r.Status));
            }
            else
            {
                foreach (var mutation in mutations)
                    Assert.Equal(MutationStatus.Applied, Assert.Single((await till.Client.PushAsync([mutation])).Results).Status);
            }

            return await app.WithDbAsync(tenant.Id, async db =>
            {
                var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Payments).OrderBy(o => o.Number).ToListAsync();
                var movements = await db.StockMovements.OrderBy(m => m.Notes).ThenBy(m => m.Quantity).ThenBy(m => m.BalanceAfter).Select(m => new { m.Notes, m.Quantity, m.BalanceAfter, m.Type }).ToListAsync();
                var levels = await db.StockLevels.OrderBy(l => l.Quantity).Select(l => l.Quantity).ToListAsync();
                var points = await db.LoyaltyEntries.OrderBy(e => e.Notes).Select(e => new { e.Notes, e.Points }).ToListAsync();
                // What the audit log says was created (the set-based run writes its rows without tracking them).
                var created = (await db.AuditLogs.Where(a => a.Action == "create" && a.EntityType.StartsWith("Order") || a.EntityType == "StockMovement")
                        .Select(a => new { a.EntityType, a.EntityId, a.NewValues, a.UserId, a.DeviceId }).ToListAsync())
                    .Select(a => new
                    {
                        a.EntityType, HasEntity = a.EntityId != null, HasUser = a.UserId != null, HasDevice = a.DeviceId != null,
                        Fields = string.Join(",", System.Text.Json.Nodes.JsonNode.Parse(a.NewValues!)!.AsObject().Select(f => f.Key).Order()),
                        Amounts = System.Text.Json.Nodes.JsonNode.Parse(a.NewValues!)!["grand_total"]?.ToJsonString() ?? System.Text.Json.Nodes.JsonNode.Parse(a.NewValues!)!["total"]?.ToJsonString(),
                    })
                    .OrderBy(a => a.EntityType).ThenBy(a => a.Amounts).ThenBy(a => a.Fields).Select(a => System.Text.Json.JsonSerializer.Serialize(a)).ToList();
                var booked = System.Text.Json.JsonSerializer.Serialize(new
                {
                    orders = orders.Select(o => new
                    {
                        o.Number, o.Status, o.GrandTotal, o.TaxTotal, o.Tendered, o.Change, o.NeedsReview, o.ReviewNotes, o.PointsEarned,
                        OnShift = o.ShiftId == shiftId, HasCustomer = o.CustomerId is not null,
                        Lines = o.Lines.OrderBy(l => l.Position).Select(l => new { l.Name, l.Quantity, l.UnitPrice, l.Net, l.Tax, l.Total }),
                        Payments = o.Payments.Select(p => new { p.MethodCode, p.Amount, p.Tendered }),
                    }),
                    movements, levels, points, created,
                    series = await db.OrderNumberSeries.Select(s => new { s.Prefix, s.LastSequence }).ToListAsync(),
                });
                // Devices apply changes in sequence order: each row's versions must come in that order (an
                // order flagged after its insert, for stock below zero, is logged twice within the push).
                var log = await db.ChangeLog.OrderBy(c => c.Seq).Select(c => new { c.Seq, c.EntityType, c.EntityId, c.Version }).ToListAsync();
                Assert.All(log, c => Assert.True(c.Seq > 0, $"{c.EntityType} {c.EntityId} v{c.Version} committed with pending number {c.Seq}"));
                foreach (var row in log.GroupBy(c => (c.EntityType, c.EntityId)))
                    Assert.Equal(row.Select(c => c.Version).Order(), row.Select(c => c.Version));
                Assert.Contains(log, c => c.EntityType == "order" && c.Version == 2);
                return (booked, log.Count(c => c.EntityType == "stock_level"));
            });
        }

        var oneByOne = await BookAsync(atOnce: false);
        var atOnce = await BookAsync(atOnce: true);

        Assert.Equal(oneByOne.Booked, atOnce.Booked);
        Assert.Contains("went to -", atOnce.Booked, StringComparison.Ordinal);
        Assert.Contains("server price is 10", atOnce.Booked, StringComparison.Ordinal);
        // Each sale is one audit entry holding its lines and payments (fields listed in order: ..., lines, ..., payments, ...).
        Assert.Contains(",lines,", atOnce.Booked, StringComparison.Ordinal);
        Assert.Contains(",payments,", atOnce.Booked, StringComparison.Ordinal);
        Assert.DoesNotContain("OrderLine", atOnce.Booked, StringComparison.Ordinal);
        Assert.DoesNotContain("OrderPayment", atOnce.Booked, StringComparison.Ordinal);
        // The run was booked set-based: each stock level was logged once for the run, not once per sale.
        Assert.True(atOnce.LevelChanges < oneByOne.LevelChanges, $"{atOnce.LevelChanges} level changes at once, {oneByOne.LevelChanges} one by one");
    }

    [Fact]
    public async Task BatchPush_OneMalformedOrderInHundred_LeavesTheOther99Applied()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 1m);
        var till = await tenant.AddDeviceAsync("T1");
        var batch = Enumerable.Range(1, 100).Select(i => i == 37
            ? SyncClient.Mutation(i, MutationKinds.OrderComplete, new { order_id = Guid.CreateVersion7(), number = $"B1-T1-{i:D6}", lines = new[] { new { line_id = Guid.CreateVersion7(), quantity = 1m, unit_price = 1m } }, payments = new[] { new { method = "cash", amount = 1m, tendered = 1m } } })
            : SyncClient.Mutation(i, MutationKinds.OrderComplete, Sale(Guid.CreateVersion7(), i, bread, 1m, 1m, 1m))).ToList();

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

        var response = await till.Client.PushAsync([SyncClient.Mutation(1, MutationKinds.OrderComplete, Sale(id, 7, milk, 2m, 8m, 20m))]);

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
    public async Task APriceChangedEarlierInThePush_PricesTheSalesAfterIt()
    {
        var tenant = await app.CreateTenantAsync();
        var milk = await tenant.Owner.Client.ProductAsync("MILK", 10m, trackStock: false);
        var till = await tenant.AddDeviceAsync("T1");
        var (before, after) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        // The first sale makes the server read (and keep) the price of 10; the upsert changes it inside the same push.
        var response = await till.Client.PushAsync(
        [
            SyncClient.Mutation(1, MutationKinds.OrderComplete, Sale(before, 1, milk, 1m, 10m, 10m)),
            SyncClient.Mutation(2, MutationKinds.ProductUpsert, new ProductUpsert(milk, "MILK", "Milk", 12m, 0m, 0m, null, [], false, true)),
            SyncClient.Mutation(3, MutationKinds.OrderComplete, Sale(after, 2, milk, 1m, 12m, 12m)),
        ]);

        Assert.True(response.Results.All(r => r.Status == MutationStatus.Applied), string.Join("; ", response.Results.Select(r => $"{r.Seq} {r.Status} {r.Reason}")));
        foreach (var id in new[] { before, after })
        {
            var order = await (await tenant.Owner.Client.GetAsync($"/api/orders/{id}")).NodeAsync();
            Assert.False(order["needs_review"]!.GetValue<bool>(), order["review_notes"]?.ToString());
        }
    }

    [Fact]
    public async Task TabMutations_OpenAddChangeRemoveMoveClose_CompleteTheTab()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var (soup, tea) = (await client.ProductAsync("SOUP", 4m, trackStock: false), await client.ProductAsync("TEA", 1m, trackStock: false));
        var hall = (await (await client.PostAsJsonAsync("/api/restaurant/halls", new { branch_id = tenant.BranchId, name = "Hall" })).NodeAsync())["id"]!.GetValue<Guid>();
        var t1 = (await (await client.PostAsJsonAsync("/api/restaurant/tables", new { hall_id = hall, name = "1" })).NodeAsync())["id"]!.GetValue<Guid>();
        var t2 = (await (await client.PostAsJsonAsync("/api/restaurant/tables", new { hall_id = hall, name = "2" })).NodeAsync())["id"]!.GetValue<Guid>();
        var till = await tenant.AddDeviceAsync("T1");
        var (tab, soupLine, teaLine, extraLine) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var complete = new OrderComplete(tab, "B1-T1-000001", null, null, null, Guid.Empty, "dine_in", t2, "USD",
            [new OrderLinePayload(soupLine, soup, "Soup", 1m, 4m, 0m, 0m, 4m), new OrderLinePayload(teaLine, tea, "Tea", 3m, 1m, 0m, 0m, 3m)],
            [new OrderPaymentPayload("cash", 7m, 10m, 3m)], 7m, 0m, 0m, 0m, 7m, 0, 0, DateTime.UtcNow);

        var response = await till.Client.PushAsync(
        [
            SyncClient.Mutation(1, MutationKinds.TabOpen, new TabOpen(tab, "dine_in", t1, null, 2, DateTime.UtcNow)),
            SyncClient.Mutation(2, MutationKinds.TabAddLine, new TabAddLine(tab, soupLine, soup, "Soup", 1m, 4m, null)),
            SyncClient.Mutation(3, MutationKinds.TabAddLine, new TabAddLine(tab, teaLine, tea, "Tea", 1m, 1m, "No sugar")),
            SyncClient.Mutation(4, MutationKinds.TabAddLine, new TabAddLine(tab, extraLine, soup, "Soup", 1m, 4m, null)),
            SyncClient.Mutation(5, MutationKinds.TabChangeQuantity, new TabChangeQuantity(tab, teaLine, 3m)),
            SyncClient.Mutation(6, MutationKinds.TabRemoveLine, new TabRemoveLine(tab, extraLine)),
            SyncClient.Mutation(7, MutationKinds.TabMoveTable, new TabMoveTable(tab, t2)),
            SyncClient.Mutation(8, MutationKinds.OrderComplete, complete),
            SyncClient.Mutation(9, MutationKinds.TabAddLine, new TabAddLine(tab, Guid.CreateVersion7(), tea, "Tea", 1m, 1m, null)),
        ]);

        Assert.True(Enumerable.Repeat(MutationStatus.Applied, 8).Append(MutationStatus.Rejected).SequenceEqual(response.Results.Select(r => r.Status)),
            string.Join("; ", response.Results.Select(r => $"{r.Seq} {r.Status} {r.Reason}")));
        var order = await (await client.GetAsync($"/api/orders/{tab}")).NodeAsync();
        Assert.Equal("completed", order["status"]!.GetValue<string>());
        Assert.Equal(t2, order["table_id"]!.GetValue<Guid>());
        Assert.Equal(7m, order.Dec("grand_total"));
        Assert.Equal(3m, order.Dec("change"));
        Assert.Equal([soupLine, teaLine], order["lines"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>()));
        Assert.False(order["needs_review"]!.GetValue<bool>(), order["review_notes"]?.ToString());
        Assert.Equal("B1-T1-000001", order["number"]!.GetValue<string>());
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
        var line = Guid.CreateVersion7();
        await till.Client.PushAsync(
        [
            SyncClient.Mutation(1, MutationKinds.ShiftOpen, new ShiftOpen(shift, null, 10m, DateTime.UtcNow)),
            SyncClient.Mutation(2, MutationKinds.OrderComplete, Sale(first, 1, bread, 3m, 2m, 6m, line, shift)),
            SyncClient.Mutation(3, MutationKinds.OrderComplete, Sale(second, 2, bread, 1m, 2m, 2m, shiftId: shift)),
        ]);

        var response = await till.Client.PushAsync(
        [
            SyncClient.Mutation(4, MutationKinds.OrderRefund, new OrderRefund(Guid.CreateVersion7(), first, shift, Guid.Empty,
                [new RefundLinePayload(line, bread, 1m, 2m)], [new OrderPaymentPayload("cash", 2m, 2m, 0m)], 2m, true, "Stale", DateTime.UtcNow)),
            SyncClient.Mutation(5, MutationKinds.OrderRefund, new OrderRefund(Guid.CreateVersion7(), first, shift, Guid.Empty,
                [new RefundLinePayload(line, bread, 5m, 10m)], [], 10m, true, null, DateTime.UtcNow)),
            SyncClient.Mutation(6, MutationKinds.OrderVoid, new OrderVoid(second, shift, "Customer left", DateTime.UtcNow)),
            SyncClient.Mutation(7, MutationKinds.ExpenseAdd, new ExpenseAdd(Guid.CreateVersion7(), shift, categoryId, 1m, "Ice", DateTime.UtcNow)),
            SyncClient.Mutation(8, MutationKinds.ShiftClose, new ShiftClose(shift, 13m, 13m, null, DateTime.UtcNow)),
        ]);

        Assert.Equal([MutationStatus.Applied, MutationStatus.Rejected, MutationStatus.Applied, MutationStatus.Applied, MutationStatus.Applied], response.Results.Select(r => r.Status));
        // Float 10 + 6 + 2 - refund 2 - void 2 - expense 1 = 13.
        var closed = await (await till.Client.GetAsync($"/api/shifts/{shift}")).NodeAsync();
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal(13m, closed.Dec("expected_cash"));
        Assert.Equal(0m, closed.Dec("cash_variance"));
        Assert.Equal(-2m, await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync()));
    }

    [Fact]
    public async Task TwoTillsPushingAndOnlineSales_OnTheSameProductsInOppositeOrders_AllApply_AndStockAddsUp()
    {
        var tenant = await app.CreateTenantAsync();
        var a = await tenant.Owner.Client.ProductAsync("APPLE", 1m);
        var b = await tenant.Owner.Client.ProductAsync("BANANA", 1m);
        var t1 = await tenant.AddDeviceAsync("T1");
        var t2 = await tenant.AddDeviceAsync("T2");
        // One line per sale, alternating products: a push takes A, then B, then A... the other B, then A.
        static OrderComplete OneLine(string till, int number, Guid product) =>
            new(Guid.CreateVersion7(), $"B1-{till}-{number:D6}", null, null, null, Guid.Empty, "take_away", null, "USD",
                [new OrderLinePayload(Guid.CreateVersion7(), product, "Fruit", 1m, 1m, 0m, 0m, 1m)],
                [new OrderPaymentPayload("cash", 1m, 1m, 0m)], 1m, 0m, 0m, 0m, 1m, 0, 0, DateTime.UtcNow.AddMinutes(-5));
        async Task<List<MutationResult>> PushAsync(DeviceSession till, string code, Guid first, Guid second)
        {
            var results = new List<MutationResult>();
            for (var batch = 0; batch < 4; batch++)
                results.AddRange((await till.Client.PushAsync([.. Enumerable.Range(batch * 25 + 1, 25).Select(i => SyncClient.Mutation(i, MutationKinds.OrderComplete, OneLine(code, i, i % 2 == 0 ? first : second)))])).Results);
            return results;
        }
        async Task<List<int>> SellOnlineAsync()
        {
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                var response = await tenant.Owner.Client.PostAsJsonAsync("/api/orders", new
                {
                    branch_id = tenant.BranchId,
                    lines = new[] { new { product_id = i % 2 == 0 ? a : b, quantity = 1m }, new { product_id = i % 2 == 0 ? b : a, quantity = 1m } },
                    payments = new[] { new { method = "CASH", amount = 2m } },
                });
                statuses.Add((int)response.StatusCode);
            }
            return statuses;
        }

        var pushes = new[] { PushAsync(t1, "T1", a, b), PushAsync(t2, "T2", b, a) };
        var online = SellOnlineAsync();
        var pushed = await Task.WhenAll(pushes);
        var sold = await online;

        // Pushes of one tenant take turns and online sales take their stock rows in key order: nothing deadlocks, nothing is left to retry.
        Assert.All(pushed.SelectMany(p => p), r => Assert.Equal(MutationStatus.Applied, r.Status));
        Assert.All(sold, status => Assert.Equal(201, status));
        var levels = await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == a || l.ProductId == b).Select(l => l.Quantity).ToListAsync());
        Assert.Equal([-120m, -120m], levels);
    }
}

public sealed class OrderSyncTestsSqlite(SqliteApp app) : OrderSyncTests(app);

public sealed class OrderSyncTestsPostgres(PostgresApp app) : OrderSyncTests(app);
