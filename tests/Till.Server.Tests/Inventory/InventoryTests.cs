using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Inventory;

public abstract class InventoryTests(TillApp app)
{
    private static async Task<HttpResponseMessage> AdjustAsync(HttpClient client, Guid product, Guid warehouse, decimal quantity, string type = "adjustment") =>
        await client.PutAsJsonAsync($"/api/products/{product}/stock", new { warehouse_id = warehouse, movement_type = type, quantity, notes = "test" });

    private async Task<(decimal Level, decimal LedgerSum, int Movements, long Version)> StockAsync(TestTenant tenant, Guid product, Guid warehouse) =>
        await app.WithDbAsync(tenant.Id, async db =>
        {
            var level = await db.StockLevels.Where(l => l.ProductId == product && l.WarehouseId == warehouse).Select(l => new { l.Quantity, l.Version }).FirstOrDefaultAsync();
            var movements = await db.StockMovements.Where(m => m.ProductId == product && m.WarehouseId == warehouse).Select(m => m.Quantity).ToListAsync();
            return (level?.Quantity ?? 0, movements.Sum(), movements.Count, level?.Version ?? 0);
        });

    [Fact]
    public async Task Adjust_50ConcurrentPlusAndMinusOnes_LevelEqualsTheSumOfTheLedger()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var product = await client.CreateProductIdAsync("CONC-1");
        await CatalogTestData.EnsureAsync(await AdjustAsync(client, product, tenant.WarehouseId, 10), HttpStatusCode.OK);

        // 30 times +1 and 20 times -1, all at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => AdjustAsync(client, product, tenant.WarehouseId, i % 5 < 3 ? 1 : -1)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var (level, sum, count, version) = await StockAsync(tenant, product, tenant.WarehouseId);
        Assert.Equal(20m, level);
        Assert.Equal(level, sum);
        Assert.Equal(51, count);
        Assert.Equal(51, version);
        var balances = await app.WithDbAsync(tenant.Id, db => db.StockMovements.Where(m => m.ProductId == product).Select(m => m.BalanceAfter).ToListAsync());
        Assert.Contains(20m, balances);
        var audits = await app.WithDbAsync(tenant.Id, db => db.AuditLogs.CountAsync(a => a.EntityType == "StockLevel"));
        Assert.Equal(51, audits);
    }

    [Fact]
    public async Task Adjust_RetriedWithTheSameIdempotencyKey_PostsOnce_AndAnswersTheSameAgain()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var product = await client.CreateProductIdAsync("RETRY-1");
        async Task<HttpResponseMessage> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/products/{product}/stock")
            {
                Content = JsonContent.Create(new { warehouse_id = tenant.WarehouseId, movement_type = "adjustment", quantity = 5m, notes = "delivery" }),
            };
            request.Headers.Add("Idempotency-Key", "adjust-retry-1");
            return await client.SendAsync(request);
        }

        var first = await SendAsync();
        var retried = await SendAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        var (level, _, movements, _) = await StockAsync(tenant, product, tenant.WarehouseId);
        Assert.Equal(5m, level);
        Assert.Equal(1, movements);
    }

    [Fact]
    public async Task Transfer_BetweenBranches_WritesOutAndInMovementsAtomically()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var other = await client.CreateBranchAsync("B2");
        var target = await client.DefaultWarehouseAsync(other);
        var soap = await client.CreateProductIdAsync("SOAP-1", cost: 2m);
        var rice = await client.CreateProductIdAsync("RICE-1", cost: 5m);
        await AdjustAsync(client, soap, tenant.WarehouseId, 10);
        await AdjustAsync(client, rice, tenant.WarehouseId, 4);

        var failed = await client.PostAsJsonAsync("/api/inventory/transfers", new
        {
            from_warehouse_id = tenant.WarehouseId, to_warehouse_id = target,
            lines = new object[] { new { product_id = soap, quantity = 3 }, new { product_id = Guid.NewGuid(), quantity = 1 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.NotNull((await failed.NodeAsync())["errors"]!["lines[1].product_id"]);
        Assert.Equal((10m, 10m, 1, 1L), await StockAsync(tenant, soap, tenant.WarehouseId));
        Assert.Equal((0m, 0m, 0, 0L), await StockAsync(tenant, soap, target));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.StockTransfers.CountAsync()));

        var done = await client.PostAsJsonAsync("/api/inventory/transfers", new
        {
            from_warehouse_id = tenant.WarehouseId, to_warehouse_id = target, notes = "restock Bandung",
            lines = new object[] { new { product_id = soap, quantity = 3 }, new { product_id = rice, quantity = 6 } },
        });

        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        var transfer = await done.NodeAsync();
        Assert.Equal(4, transfer["movements"]!.AsArray().Count);
        Assert.Equal((7m, 7m, 2, 2L), await StockAsync(tenant, soap, tenant.WarehouseId));
        Assert.Equal((3m, 3m, 1, 1L), await StockAsync(tenant, soap, target));
        var riceHere = await StockAsync(tenant, rice, tenant.WarehouseId);
        Assert.Equal(-2m, riceHere.Level);
        var detail = await (await client.GetAsync($"/api/inventory/transfers/{transfer["id"]}")).NodeAsync();
        Assert.Equal(["transfer_out", "transfer_in", "transfer_out", "transfer_in"], detail["movements"]!.AsArray().Select(m => m!["type"]!.GetValue<string>()));
        var negative = await (await client.GetAsync("/api/inventory?negative=true")).NodeAsync();
        Assert.Equal("RICE-1", negative["data"]![0]!["sku"]!.GetValue<string>());
        Assert.True(negative["data"]![0]!["is_negative"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Count_CountedQuantity_BecomesACountMovementOfTheDifference()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var a = await client.CreateProductIdAsync("CNT-A");
        var b = await client.CreateProductIdAsync("CNT-B");
        await AdjustAsync(client, a, tenant.WarehouseId, 10);

        var single = await AdjustAsync(client, a, tenant.WarehouseId, 7, "count");
        var batch = await client.PostAsJsonAsync("/api/inventory/counts", new
        {
            warehouse_id = tenant.WarehouseId,
            lines = new object[] { new { product_id = a, counted_quantity = 7 }, new { product_id = b, counted_quantity = 5 } },
        });

        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var movement = (await single.NodeAsync())["movement"]!;
        Assert.Equal("count", movement["type"]!.GetValue<string>());
        Assert.Equal(-3m, movement["quantity"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var lines = (await batch.NodeAsync())["lines"]!.AsArray();
        Assert.Equal(0m, lines[0]!["difference"]!.GetValue<decimal>());
        Assert.Null(lines[0]!["movement_id"]);
        Assert.Equal(5m, lines[1]!["difference"]!.GetValue<decimal>());
        Assert.Equal((7m, 7m, 2, 2L), await StockAsync(tenant, a, tenant.WarehouseId));
        Assert.Equal(5m, (await StockAsync(tenant, b, tenant.WarehouseId)).Level);
    }

    [Fact]
    public async Task Adjust_DownToMinStock_RecordsLowStockOnceAndListsIt()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var product = await client.CreateProductIdAsync("LOW-1", cost: 2.5m);
        await client.PutAsJsonAsync($"/api/products/{product}/branches/{tenant.BranchId}", new { min_stock = 5 });
        await AdjustAsync(client, product, tenant.WarehouseId, 10);

        await AdjustAsync(client, product, tenant.WarehouseId, -5);
        await AdjustAsync(client, product, tenant.WarehouseId, -1);

        var activities = await app.WithDbAsync(tenant.Id, db => db.Activities.Where(a => a.Kind == "inventory.low_stock").ToListAsync());
        var low = await (await client.GetAsync("/api/inventory/low-stock")).NodeAsync();
        var valuation = await (await client.GetAsync("/api/inventory/valuation")).NodeAsync();
        Assert.Single(activities);
        Assert.Equal(tenant.BranchId, activities[0].BranchId);
        Assert.Equal(1, low["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(4m, low["data"]![0]!["quantity"]!.GetValue<decimal>());
        Assert.True(low["data"]![0]!["is_low"]!.GetValue<bool>());
        Assert.Equal(10m, valuation["total_value"]!.GetValue<decimal>());
        var history = await (await client.GetAsync($"/api/products/{product}/movements")).NodeAsync();
        Assert.Equal(3, history["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(4m, history["data"]![0]!["balance_after"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AnotherTenantsStock_Answers404AndStaysUnchanged()
    {
        var owner = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();
        var product = await owner.Owner.Client.CreateProductIdAsync("MINE-1");
        await AdjustAsync(owner.Owner.Client, product, owner.WarehouseId, 5);
        var client = stranger.Owner.Client;

        Assert.Equal(HttpStatusCode.NotFound, (await AdjustAsync(client, product, stranger.WarehouseId, 100)).StatusCode);
        var mine = await client.CreateProductIdAsync("MINE-1");
        Assert.Equal(HttpStatusCode.BadRequest, (await AdjustAsync(client, mine, owner.WarehouseId, 100)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/{product}/stock")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/{product}/movements")).StatusCode);
        Assert.Equal(0, (await (await client.GetAsync("/api/inventory")).NodeAsync())["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(5m, (await StockAsync(owner, product, owner.WarehouseId)).Level);
    }

    [Fact]
    public async Task Adjust_BadInput_Answers400AndCashierWithoutPermission403()
    {
        var tenant = await app.CreateTenantAsync();
        var product = await tenant.Owner.Client.CreateProductIdAsync("BAD-1");
        var cashier = await tenant.AddUserAsync("cash1", "cashier");

        var wrongType = await AdjustAsync(tenant.Owner.Client, product, tenant.WarehouseId, 1, "sale");
        var zero = await AdjustAsync(tenant.Owner.Client, product, tenant.WarehouseId, 0);
        var forbidden = await AdjustAsync(cashier.Client, product, tenant.WarehouseId, 1);

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.NotNull((await wrongType.NodeAsync())["errors"]!["movement_type"]);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(0, (await StockAsync(tenant, product, tenant.WarehouseId)).Movements);
    }
}

public sealed class InventoryTestsSqlite(SqliteApp app) : InventoryTests(app);

public sealed class InventoryTestsPostgres(PostgresApp app) : InventoryTests(app);
