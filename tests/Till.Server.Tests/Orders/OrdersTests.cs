using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Inventory;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;
using Till.Server.Tests.Sync;

namespace Till.Server.Tests.Orders;

public abstract class OrdersTests(TillApp app)
{
    [Fact]
    public async Task ASaleIsAnsweredUncompressed_WhileTheOrderListIsCompressed()
    {
        // A sale's answer is one small record on the path of every checkout: compressing it costs more CPU than the bytes it saves.
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var tea = await client.ProductAsync("TEA", 3m);
        using var sale = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { branch_id = tenant.BranchId, lines = new[] { OrderTestData.Line(tea, 1m) }, payments = new[] { OrderTestData.Pay("CASH", 3m) } }),
        };
        sale.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var sold = await client.SendAsync(sale);
        Assert.Equal(HttpStatusCode.Created, sold.StatusCode);
        Assert.Empty(sold.Content.Headers.ContentEncoding);
        Assert.Equal(3m, (await sold.NodeAsync()).Dec("grand_total"));

        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        list.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var listed = await client.SendAsync(list);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("br", Assert.Single(listed.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task Checkout_RightAfterTheBranchStopsTakingCards_RefusesCard_AndSeesANewPromotionAndRounding()
    {
        // Checkouts keep the branch's payment methods, promotions and settings for a moment; a change
        // committed on this server must apply to the very next sale all the same.
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var tea = await client.ProductAsync("TEA", 10.40m);
        var first = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CARD", 10.40m)]);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var created = await client.PostAsJsonAsync("/api/payment-methods", new { code = "CASH", name = "Cash", kind = "cash" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cash = (await created.NodeAsync())["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/payment-methods", new { code = "CARD", name = "Card", kind = "card" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/payment-methods/branches/{tenant.BranchId}", new { payment_method_ids = new[] { cash } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/promotions", new { name = "Tea 1 off", kind = "amount_off", target = "product", target_id = tea, value = 1m })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/sales-settings", new { spend_per_point = 0m, point_value = 0m, cash_rounding_increment = 0.5m })).StatusCode);

        var card = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CARD", 9.40m)]);
        Assert.Equal(HttpStatusCode.BadRequest, card.StatusCode);
        var sale = await client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 10m)]);
        Assert.Equal(1m, sale.Dec("promotion_discount_total"));
        Assert.Equal(9.5m, sale.Dec("grand_total"));
    }

    [Fact]
    public async Task Checkout_RightAfterAProductChange_ChargesTheNewPriceAndModifiers_AndRefusesWhatIsNoLongerSold()
    {
        // Checkouts keep the products they sell for a while; a change committed on this server must
        // apply to the very next sale all the same.
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var tea = await client.ProductAsync("TEA", 10m);
        Assert.Equal(10m, (await client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 10m)])).Dec("grand_total"));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/products/{tea}", new { sku = "TEA", name = "Green tea", price = 12m, version = 1 })).StatusCode);
        var renamed = await client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 12m)]);
        Assert.Equal(12m, renamed.Dec("grand_total"));
        Assert.Equal("Green tea", renamed["lines"]![0]!["name"]!.GetValue<string>());

        var put = await client.PutAsJsonAsync($"/api/products/{tea}", new { sku = "TEA", name = "Green tea", price = 12m, modifiers = new[] { new { name = "Honey", price = 0.5m } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var honey = (await put.NodeAsync())["modifiers"]![0]!["id"]!.GetValue<Guid>();
        var sweet = await client.CompletedAsync(tenant.BranchId, [new { product_id = tea, quantity = 1m, modifier_ids = new[] { honey } }], [OrderTestData.Pay("CASH", 12.5m)]);
        Assert.Equal(12.5m, sweet.Dec("grand_total"));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/products/{tea}/branches/{tenant.BranchId}", new { price = 11m, is_available = true })).StatusCode);
        Assert.Equal(11m, (await client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 11m)])).Dec("grand_total"));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/products/{tea}/branches/{tenant.BranchId}", new { price = 11m, is_available = false })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 11m)])).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/products/{tea}/branches/{tenant.BranchId}", new { price = 11m, is_available = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/products/{tea}")).StatusCode);
        var gone = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 11m)]);
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        Assert.Contains("lines[0].product_id", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_ThreeLinesPromotionAndCashCardSplit_HasRightTotalsChangeAndStock()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var coffee = await client.ProductAsync("COF", 10m, taxRate: 10m);
        var cake = await client.ProductAsync("CAK", 5m, taxRate: 10m);
        var water = await client.ProductAsync("WAT", 2.5m);
        var promotion = await client.PostAsJsonAsync("/api/promotions", new { name = "Coffee 10% off", kind = "percent_off", target = "product", target_id = coffee, value = 10m });
        Assert.Equal(HttpStatusCode.Created, promotion.StatusCode);

        var order = await client.CompletedAsync(tenant.BranchId,
            [OrderTestData.Line(coffee, 2m), OrderTestData.Line(cake, 1m), OrderTestData.Line(water, 4m)],
            [OrderTestData.Pay("card", 20m), OrderTestData.Pay("CASH", 20m)]);

        // Coffee 20 - 2 promotion = 18, cake 5, water 10; tax 10% on 23 = 2.30; total 35.30.
        Assert.Equal("completed", order["status"]!.GetValue<string>());
        Assert.Equal(35m, order.Dec("subtotal"));
        Assert.Equal(2m, order.Dec("promotion_discount_total"));
        Assert.Equal(2.3m, order.Dec("tax_total"));
        Assert.Equal(35.3m, order.Dec("grand_total"));
        Assert.Equal(40m, order.Dec("tendered"));
        Assert.Equal(4.7m, order.Dec("change"));
        var payments = order["payments"]!.AsArray();
        Assert.Equal([("CARD", 20m), ("CASH", 15.3m)], payments.Select(p => (p!["method"]!.GetValue<string>(), p.Dec("amount"))));
        Assert.Matches("^B1-WEB-0000[0-9]{2}$", order["number"]!.GetValue<string>());

        var movements = await app.WithDbAsync(tenant.Id, db => db.StockMovements.Where(m => m.Type == MovementType.Sale)
            .Select(m => new { m.ProductId, m.Quantity, m.ReferenceId }).ToListAsync());
        Assert.Equal(3, movements.Count);
        Assert.All(movements, m => Assert.Equal(order["id"]!.GetValue<Guid>(), m.ReferenceId));
        Assert.Equal(-2m, movements.Single(m => m.ProductId == coffee).Quantity);
        Assert.Equal(-1m, movements.Single(m => m.ProductId == cake).Quantity);
        Assert.Equal(-4m, movements.Single(m => m.ProductId == water).Quantity);
    }

    [Fact]
    public async Task Checkout_IsAuditedAndLoggedForDevicesOnce_WithItsStockPointsAndActivities()
    {
        // Every row a sale writes is audited as created by the till's user on that till, and reaches the
        // branch's devices once, numbered after what they had (PostgreSQL writes a sale's rows without
        // the change tracker and its change log under the commit lock: the outcome must be the same).
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var coffee = await client.ProductAsync("COF", 10m, taxRate: 10m);
        var cake = await client.ProductAsync("CAK", 5m);
        var tea = await client.ProductAsync("TEA", 3m, trackStock: false);
        await CatalogTestData.EnsureAsync(await client.PutAsJsonAsync("/api/sales-settings", new { spend_per_point = 5m, point_value = 1m }), HttpStatusCode.OK);
        var customer = (await (await client.PostAsJsonAsync("/api/customers", new { code = "C001", name = "Ann" })).NodeAsync())["id"]!.GetValue<Guid>();
        var till = (await app.LicensedTillsAsync(tenant, 1))[0];
        var (_, cursor) = await till.Client.PullAllAsync();

        var response = await till.Client.CheckoutAsync(tenant.BranchId,
            [OrderTestData.Line(coffee, 2m), OrderTestData.Line(cake, 1m), OrderTestData.Line(tea, 2m)], [OrderTestData.Pay("CASH", 40m)], customerId: customer);
        await CatalogTestData.EnsureAsync(response, HttpStatusCode.Created);
        var order = await response.NodeAsync();
        var orderId = order["id"]!.GetValue<Guid>();
        Assert.Equal(33m, order.Dec("grand_total"));
        Assert.Equal(6m, order.Dec("points_earned"));

        var (changes, next) = await till.Client.PullAllAsync(cursor);
        Assert.True(next > cursor);
        Assert.All(changes, c => Assert.True(c.Seq > cursor));
        Assert.Equal(changes.Select(c => c.Seq).Order(), changes.Select(c => c.Seq));
        Assert.Equal(changes.Count, changes.Select(c => (c.Entity, c.Id, c.Version)).Distinct().Count());
        var order1 = Assert.Single(changes, c => c.Entity == "order");
        Assert.Equal((orderId, 1L), (order1.Id, order1.Version));
        Assert.Equal(3, changes.Count(c => c.Entity == "order_line" && c.Data.GetProperty("order_id").GetGuid() == orderId));
        Assert.Single(changes, c => c.Entity == "order_payment");
        Assert.Equal(2, changes.Count(c => c.Entity == "stock_level"));
        Assert.Equal(customer, Assert.Single(changes, c => c.Entity == "customer").Id);

        await app.WithDbAsync(tenant.Id, async db =>
        {
            var created = await db.AuditLogs.Where(a => a.Action == "create" && a.CreatedAt > DateTime.UtcNow.AddMinutes(-5) && a.DeviceId == till.DeviceId)
                .Select(a => new { a.EntityType, a.EntityId, a.UserId, a.NewValues }).ToListAsync();
            // The sale is one entry: the order with its lines and payments inside.
            Assert.Equal(["LoyaltyEntry", "Order"], created.Select(a => a.EntityType).Order());
            Assert.All(created, a => Assert.NotNull(a.UserId));
            Assert.Contains(orderId.ToString(), created.Single(a => a.EntityType == "Order").EntityId);
            var sold = System.Text.Json.Nodes.JsonNode.Parse(created.Single(a => a.EntityType == "Order").NewValues!)!;
            Assert.Equal(33m, sold["grand_total"]!.GetValue<decimal>());
            Assert.Equal(3, sold["lines"]!.AsArray().Count);
            Assert.All(sold["lines"]!.AsArray(), l => Assert.Equal(orderId, l!["order_id"]!.GetValue<Guid>()));
            Assert.Equal(33m, Assert.Single(sold["payments"]!.AsArray())!["amount"]!.GetValue<decimal>());
            Assert.Equal(2, await db.Activities.CountAsync(a => a.Kind == "inventory.negative_stock"));
            Assert.False(await db.ChangeLog.AnyAsync(c => c.Seq <= 0));
            return 0;
        });
    }

    [Fact]
    public async Task Checkout_WithABranchPriceAndModifiers_ChargesTheBranchPricePlusTheModifiers_AndRefusesAnotherProductsModifier()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var latte = await client.ProductAsync("LAT", 4m);
        var tea = await client.ProductAsync("TEA", 3m);
        var put = await client.PutAsJsonAsync($"/api/products/{latte}", new
        {
            sku = "LAT", name = "Latte", price = 4m, version = 1,
            modifiers = new[] { new { name = "Oat milk", price = 0.6m }, new { name = "Extra shot", price = 0.9m } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var modifiers = (await put.NodeAsync())["modifiers"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!["id"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/products/{latte}/branches/{tenant.BranchId}", new { price = 4.5m, is_available = true })).StatusCode);

        var order = await client.CompletedAsync(tenant.BranchId,
            [new { product_id = latte, quantity = 2m, modifier_ids = new[] { modifiers["Oat milk"], modifiers["Extra shot"] } }, OrderTestData.Line(tea, 1m)],
            [OrderTestData.Pay("CASH", 20m)]);

        // Latte: branch price 4.50 + 0.60 + 0.90 = 6.00, twice; tea 3.00 at the catalogue price.
        Assert.Equal(15m, order.Dec("grand_total"));
        var lines = order["lines"]!.AsArray();
        Assert.Equal(["Oat milk", "Extra shot"], lines[0]!["modifiers"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
        Assert.Equal(6m, lines[0]!.Dec("unit_price"));
        Assert.Equal(3m, lines[1]!.Dec("unit_price"));

        var wrong = await client.CheckoutAsync(tenant.BranchId,
            [new { product_id = tea, quantity = 1m, modifier_ids = new[] { modifiers["Oat milk"] } }], [OrderTestData.Pay("CASH", 10m)]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("lines[0].modifier_ids", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_RetriedWithSameIdempotencyKey_CreatesOneOrderAndReturnsFirstAnswer()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var tea = await client.ProductAsync("TEA", 3m);

        var first = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 5m)], "key-1");
        var retry = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 5m)], "key-1");
        var other = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 5m)], "key-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var firstOrder = await first.NodeAsync();
        var retried = await retry.NodeAsync();
        Assert.Equal(firstOrder["id"]!.GetValue<Guid>(), retried["id"]!.GetValue<Guid>());
        Assert.Equal(firstOrder["number"]!.GetValue<string>(), retried["number"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var count = await app.WithDbAsync(tenant.Id, db => db.Orders.CountAsync());
        var sold = await app.WithDbAsync(tenant.Id, db => db.StockMovements.CountAsync(m => m.ProductId == tea));
        Assert.Equal(2, count);
        Assert.Equal(2, sold);
    }

    [Fact]
    public async Task Checkout_SentFiveTimesAtOnceWithOneIdempotencyKey_CreatesOneOrder_AndTheKeyIsTheTenantsOwn()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var tea = await client.ProductAsync("TEA", 3m);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 5m)], "same-key")));

        // One runs; the others get its answer, or 409 while it still runs.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<Guid>();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.Created)) ids.Add((await answer.NodeAsync())["id"]!.GetValue<Guid>());
        Assert.Single(ids);
        Assert.Equal(1, await app.WithDbAsync(tenant.Id, db => db.Orders.CountAsync()));
        var replay = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 5m)], "same-key");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(ids.Single(), (await replay.NodeAsync())["id"]!.GetValue<Guid>());

        // Another shop's key of the same text is its own.
        var other = await app.CreateTenantAsync();
        var coffee = await other.Owner.Client.ProductAsync("COF", 4m);
        var theirs = await other.Owner.Client.CheckoutAsync(other.BranchId, [OrderTestData.Line(coffee, 1m)], [OrderTestData.Pay("CASH", 5m)], "same-key");
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.NotEqual(ids.Single(), (await theirs.NodeAsync())["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task ASale_IsOneChangeLogRowCarryingItsLinesAndPayments_ThatDevicesStillReceiveOneByOne_AfterARefundAndCompaction()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var soap = await client.ProductAsync("SOAP", 4m);
        var brush = await client.ProductAsync("BRUSH", 2m);
        var till = (await app.LicensedTillsAsync(tenant, 1))[0];
        var order = await till.Client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(soap, 3m), OrderTestData.Line(brush, 1m)], [OrderTestData.Pay("CASH", 20m)]);
        var (orderId, soapLine) = (order["id"]!.GetValue<Guid>(), order["lines"]![0]!["id"]!.GetValue<Guid>());

        // Stored: one row for the sale, its lines and payment inside it; none of their own.
        var rows = await app.WithDbAsync(tenant.Id, db => db.ChangeLog.Where(c => c.EntityType == "order" || c.EntityType == "order_line" || c.EntityType == "order_payment")
            .Select(c => new { c.EntityType, c.EntityId, c.Version, c.Data }).ToListAsync());
        var stored = Assert.Single(rows);
        Assert.Equal(("order", orderId, 1L), (stored.EntityType, stored.EntityId, stored.Version));
        Assert.Contains("\"lines\":[", stored.Data);

        // A refund changes the order and one line (rows of their own); compaction keeps the sale's first row.
        var refund = await client.PostAsJsonAsync($"/api/orders/{orderId}/refunds", new { lines = new[] { new { line_id = soapLine, quantity = 1m } } });
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        await app.Services.GetRequiredService<Till.Server.Sync.ChangeLogCompactor>().CompactAsync(tenant.Id, CancellationToken.None);

        // A device starting from nothing gets the order once per version it reads, each line and the payment as
        // changes of their own, the refunded line's newer version after its first, and never the list fields.
        var (changes, _) = await till.Client.PullAllAsync();
        var orders = changes.Where(c => c.Entity == "order" && c.Id == orderId).ToList();
        Assert.Equal([1L, 2L], orders.Select(o => o.Version).Order());
        Assert.All(orders, o => Assert.False(o.Data.TryGetProperty("lines", out _) || o.Data.TryGetProperty("payments", out _)));
        var lines = changes.Where(c => c.Entity == "order_line").ToList();
        Assert.Equal(2, lines.Count(l => l.Version == 1 && l.Data.GetProperty("order_id").GetGuid() == orderId));
        var refunded = lines.Where(l => l.Id == soapLine).ToList();
        Assert.Equal([1L, 2L], refunded.Select(l => l.Version));
        Assert.Equal(1m, refunded[^1].Data.GetProperty("returned_quantity").GetDecimal());
        Assert.Contains(changes, c => c.Entity == "order_payment" && c.Version == 1 && c.Data.GetProperty("order_id").GetGuid() == orderId);
        Assert.Equal(changes.Select(c => c.Seq).Order(), changes.Select(c => c.Seq));
    }

    [Fact]
    public async Task Refund_MoreThanSoldMinusReturned_Answers422AndPartialRefundPutsStockBack()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var soap = await client.ProductAsync("SOAP", 4m);
        var order = await client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(soap, 3m)], [OrderTestData.Pay("CASH", 12m)]);
        var (orderId, lineId) = (order["id"]!.GetValue<Guid>(), order["lines"]![0]!["id"]!.GetValue<Guid>());

        var tooMany = await client.PostAsJsonAsync($"/api/orders/{orderId}/refunds", new { lines = new[] { new { line_id = lineId, quantity = 4m } } });
        var two = await client.PostAsJsonAsync($"/api/orders/{orderId}/refunds", new
        {
            lines = new[] { new { line_id = lineId, quantity = 2m } },
            payments = new[] { OrderTestData.Pay("CASH", 5m), OrderTestData.Pay("CARD", 3m) },
        });
        var twoMore = await client.PostAsJsonAsync($"/api/orders/{orderId}/refunds", new { lines = new[] { new { line_id = lineId, quantity = 2m } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        Assert.Equal(8m, (await two.NodeAsync()).Dec("total"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twoMore.StatusCode);
        var level = await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == soap).Select(l => l.Quantity).SingleAsync());
        Assert.Equal(-1m, level);
        var after = await (await client.GetAsync($"/api/orders/{orderId}")).NodeAsync();
        Assert.Equal(8m, after.Dec("refunded_total"));
        Assert.Equal(2m, after["lines"]![0]!.Dec("returned_quantity"));
    }

    [Fact]
    public async Task Void_WithoutPermission_Answers403AndLeavesOrderCompleted()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("cashier1", "cashier");
        var milk = await tenant.Owner.Client.ProductAsync("MILK", 2m);
        var order = await tenant.Owner.Client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(milk, 1m)], [OrderTestData.Pay("CASH", 2m)]);
        var id = order["id"]!.GetValue<Guid>();

        var voided = await cashier.Client.PostAsJsonAsync($"/api/orders/{id}/void", new { reason = "mistake" });

        Assert.Equal(HttpStatusCode.Forbidden, voided.StatusCode);
        Assert.Equal("completed", (await (await tenant.Owner.Client.GetAsync($"/api/orders/{id}")).NodeAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Void_WithoutOpenShift_Answers422()
    {
        var tenant = await app.CreateTenantAsync();
        var milk = await tenant.Owner.Client.ProductAsync("MILK", 2m);
        var order = await tenant.Owner.Client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(milk, 1m)], [OrderTestData.Pay("CASH", 2m)]);

        var voided = await tenant.Owner.Client.PostAsJsonAsync($"/api/orders/{order["id"]}/void", new { reason = "mistake" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, voided.StatusCode);
        Assert.Contains("shift", (await voided.NodeAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_OfAnotherTenant_Answer404()
    {
        var tenant = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();
        var milk = await tenant.Owner.Client.ProductAsync("MILK", 2m);
        var order = await tenant.Owner.Client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(milk, 1m)], [OrderTestData.Pay("CASH", 2m)]);
        var id = order["id"]!.GetValue<Guid>();

        var get = await stranger.Owner.Client.GetAsync($"/api/orders/{id}");
        var receipt = await stranger.Owner.Client.GetAsync($"/api/orders/{id}/receipt");
        var refund = await stranger.Owner.Client.PostAsJsonAsync($"/api/orders/{id}/refunds", new { lines = new[] { new { line_id = order["lines"]![0]!["id"], quantity = 1m } } });
        var list = await (await stranger.Owner.Client.GetAsync("/api/orders")).NodeAsync();

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, receipt.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refund.StatusCode);
        Assert.Equal(0, list["meta"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Checkout_UnknownProductOrUnderpaid_Answers4xxAndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var milk = await client.ProductAsync("MILK", 2m);

        var unknown = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(milk, 1m), OrderTestData.Line(Guid.NewGuid(), 1m)], [OrderTestData.Pay("CASH", 10m)]);
        var underpaid = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(milk, 3m)], [OrderTestData.Pay("CASH", 5m)]);
        var badMethod = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(milk, 1m)], [OrderTestData.Pay("BITCOIN", 5m)]);
        var noPayment = await client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(milk, 1m)], []);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.NodeAsync())["errors"]!["lines[1].product_id"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, underpaid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMethod.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPayment.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Orders.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.StockMovements.CountAsync()));
    }

    [Fact]
    public async Task ConcurrentCheckouts_TwentyFromFourDevices_GetTwentyDistinctNumbers()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 1m);
        var tills = await app.LicensedTillsAsync(tenant, 4);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            tills[i % 4].Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 1m)])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<string>();
        foreach (var response in responses) numbers.Add((await response.NodeAsync())["number"]!.GetValue<string>());
        Assert.Equal(20, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"B1-T1-{n:D6}"), numbers.Where(n => n.StartsWith("B1-T1-", StringComparison.Ordinal)).Order());
        var level = await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync());
        Assert.Equal(-20m, level);
    }

    [Fact]
    public async Task Checkout_FromTillWithoutLicence_Answers403WithReasonButRefundWorks()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 1m);
        var order = await tenant.Owner.Client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 1m)]);
        var till = await tenant.AddDeviceAsync("T9");

        var sale = await till.Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 1m)]);
        var refund = await till.Client.PostAsJsonAsync($"/api/orders/{order["id"]}/refunds", new { lines = new[] { new { line_id = order["lines"]![0]!["id"], quantity = 1m } } });

        Assert.Equal(HttpStatusCode.Forbidden, sale.StatusCode);
        Assert.Contains("licence", (await sale.NodeAsync())["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
    }

    [Fact]
    public async Task Receipt_TextEscPosAndHtml_CarryBranchLinesTaxesPaymentsAndChange()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var coffee = await client.ProductAsync("COF", 10m, taxRate: 10m);
        var order = await client.CompletedAsync(tenant.BranchId, [OrderTestData.Line(coffee, 1m)], [OrderTestData.Pay("CASH", 20m)]);
        var id = order["id"]!.GetValue<Guid>();

        var text58 = await (await client.GetAsync($"/api/orders/{id}/receipt?width=58")).Content.ReadAsStringAsync();
        var text80 = await (await client.GetAsync($"/api/orders/{id}/receipt?format=text&width=80")).Content.ReadAsStringAsync();
        var escpos = await (await client.GetAsync($"/api/orders/{id}/receipt?format=escpos")).Content.ReadAsByteArrayAsync();
        var html = await (await client.GetAsync($"/api/orders/{id}/receipt?format=html")).Content.ReadAsStringAsync();
        var badWidth = await client.GetAsync($"/api/orders/{id}/receipt?width=70");

        Assert.Equal(32, text58.Split('\n').Max(l => l.TrimEnd('\r').Length));
        Assert.Equal(48, text80.Split('\n').Max(l => l.TrimEnd('\r').Length));
        foreach (var text in new[] { text58, text80, html })
        {
            Assert.Contains("Product COF", text, StringComparison.Ordinal);
            Assert.Contains("Tax 10%", text, StringComparison.Ordinal);
            Assert.Contains("Change", text, StringComparison.Ordinal);
            Assert.Contains("9.00", text, StringComparison.Ordinal);
            Assert.Contains(order["number"]!.GetValue<string>(), text, StringComparison.Ordinal);
        }
        Assert.Equal([0x1B, (byte)'@'], escpos[..2]);
        Assert.Equal(HttpStatusCode.BadRequest, badWidth.StatusCode);
    }
}

public sealed class OrdersTestsSqlite(SqliteApp app) : OrdersTests(app);

public sealed class OrdersTestsPostgres(PostgresApp app) : OrdersTests(app);
