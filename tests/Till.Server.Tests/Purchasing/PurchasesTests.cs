using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Purchasing;

public abstract class PurchasesTests(TillApp app)
{
    private static async Task<Guid> SupplierAsync(HttpClient client, string code)
    {
        var response = await client.PostAsJsonAsync("/api/suppliers", new { code, name = $"Supplier {code}", phone = "021-555" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Receive_PutsStockInAtCostAndSetsLastCost_ReturnTakesItOut()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var supplier = await SupplierAsync(client, "SUP1");
        var milk = await client.CreateProductIdAsync("MILK-1", cost: 1m);

        var first = await client.PostAsJsonAsync("/api/purchases", new
        {
            supplier_id = supplier, warehouse_id = tenant.WarehouseId, reference = "INV-1",
            lines = new[] { new { product_id = milk, quantity = 10m, unit_cost = 1.2m } },
        });
        var second = await client.PostAsJsonAsync("/api/purchases", new
        {
            supplier_id = supplier, warehouse_id = tenant.WarehouseId, reference = "INV-2",
            lines = new[] { new { product_id = milk, quantity = 5m, unit_cost = 1.5m } },
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var receipt = await first.NodeAsync();
        Assert.Equal(12m, receipt["total"]!.GetValue<decimal>());

        var tooMany = await client.PostAsJsonAsync("/api/purchases/returns", new
        {
            supplier_id = supplier, return_of_id = receipt["id"], lines = new[] { new { product_id = milk, quantity = 11m } },
        });
        var back = await client.PostAsJsonAsync("/api/purchases/returns", new
        {
            supplier_id = supplier, return_of_id = receipt["id"], lines = new[] { new { product_id = milk, quantity = 2m } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Created, back.StatusCode);
        var product = await (await client.GetAsync($"/api/products/{milk}")).NodeAsync();
        Assert.Equal(1.5m, product["cost"]!.GetValue<decimal>());
        var movements = await app.WithDbAsync(tenant.Id, db => db.StockMovements.Where(m => m.ProductId == milk).OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Type, m.Quantity, m.UnitCost }).ToListAsync());
        Assert.Equal([(Till.Server.Inventory.MovementType.Purchase, 10m, (decimal?)1.2m), (Till.Server.Inventory.MovementType.Purchase, 5m, 1.5m), (Till.Server.Inventory.MovementType.PurchaseReturn, -2m, 1.5m)],
            movements.Select(m => (m.Type, m.Quantity, m.UnitCost)));
        var level = await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == milk).Select(l => l.Quantity).SingleAsync());
        Assert.Equal(13m, level);
        var list = await (await client.GetAsync("/api/purchases?kind=return")).NodeAsync();
        Assert.Equal(1, list["meta"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Receive_UnknownProductOrMissingCost_Answers400AndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var supplier = await SupplierAsync(client, "SUP1");
        var milk = await client.CreateProductIdAsync("MILK-1");

        var unknown = await client.PostAsJsonAsync("/api/purchases", new
        {
            supplier_id = supplier, warehouse_id = tenant.WarehouseId,
            lines = new object[] { new { product_id = milk, quantity = 1m, unit_cost = 1m }, new { product_id = Guid.NewGuid(), quantity = 1m, unit_cost = 1m } },
        });
        var noCost = await client.PostAsJsonAsync("/api/purchases", new { supplier_id = supplier, warehouse_id = tenant.WarehouseId, lines = new[] { new { product_id = milk, quantity = 1m } } });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.NodeAsync())["errors"]!["lines[1].product_id"]);
        Assert.Equal(HttpStatusCode.BadRequest, noCost.StatusCode);
        Assert.NotNull((await noCost.NodeAsync())["errors"]!["lines[0].unit_cost"]);
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.StockMovements.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Purchases.CountAsync()));
    }

    [Fact]
    public async Task Suppliers_Crud_AndAnotherTenantsSupplierIs404()
    {
        var tenant = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var id = await SupplierAsync(client, "ACME");

        var duplicate = await client.PostAsJsonAsync("/api/suppliers", new { code = "ACME", name = "Again" });
        var update = await client.PutAsJsonAsync($"/api/suppliers/{id}", new { code = "ACME", name = "Acme Foods", contact_name = "Andi" });
        var foreign = await stranger.Owner.Client.GetAsync($"/api/suppliers/{id}");
        var foreignPurchase = await stranger.Owner.Client.PostAsJsonAsync("/api/purchases", new
        {
            supplier_id = id, warehouse_id = stranger.WarehouseId, lines = new[] { new { product_id = Guid.NewGuid(), quantity = 1m, unit_cost = 1m } },
        });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("Acme Foods", (await update.NodeAsync())["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreignPurchase.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/suppliers/{id}")).StatusCode);
        Assert.Equal(0, (await (await client.GetAsync("/api/suppliers")).NodeAsync())["meta"]!["total"]!.GetValue<int>());
    }
}

public sealed class PurchasesTestsSqlite(SqliteApp app) : PurchasesTests(app);

public sealed class PurchasesTestsPostgres(PostgresApp app) : PurchasesTests(app);
