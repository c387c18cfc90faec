using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Catalog;

public abstract class ProductsTests(TillApp app)
{
    [Fact]
    public async Task Products_CreateListUpdateDelete_WorkWithPaging()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var category = await client.CreateCategoryAsync("Drinks");
        var ean = CatalogTestData.NewEan13();
        var created = await client.CreateProductAsync("COLA-330", 1.5m, category, [ean], "Cola 330ml");
        await client.CreateProductAsync("WATER-600", 0.8m, category);
        await client.CreateProductAsync("CHIPS-100", 2m);

        var page1 = await (await client.GetAsync("/api/products?per_page=2&page=1&sort=sku")).NodeAsync();
        var page2 = await (await client.GetAsync("/api/products?per_page=2&page=2&sort=sku")).NodeAsync();
        var inCategory = await (await client.GetAsync($"/api/products?category_id={category}")).NodeAsync();
        var byBarcode = await (await client.GetAsync($"/api/products?search={ean}")).NodeAsync();

        Assert.Equal(3, page1["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(["CHIPS-100", "COLA-330"], page1["data"]!.AsArray().Select(p => p!["sku"]!.GetValue<string>()));
        Assert.Equal(["WATER-600"], page2["data"]!.AsArray().Select(p => p!["sku"]!.GetValue<string>()));
        Assert.Equal(2, inCategory["meta"]!["total"]!.GetValue<int>());
        Assert.Equal("COLA-330", byBarcode["data"]![0]!["sku"]!.GetValue<string>());

        var id = created["id"]!.GetValue<Guid>();
        var update = await client.PutAsJsonAsync($"/api/products/{id}", new
        {
            sku = "COLA-330", name = "Cola can 330ml", price = 1.75m, category_id = category, barcodes = new[] { ean },
            modifiers = new[] { new { name = "Ice", price = 0m } }, attributes = new { size_ml = 330 }, version = created["version"]!.GetValue<long>(),
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await update.NodeAsync();
        Assert.Equal("Cola can 330ml", updated["name"]!.GetValue<string>());
        Assert.Equal(1.75m, updated["price"]!.GetValue<decimal>());
        Assert.Equal(2, updated["version"]!.GetValue<long>());
        Assert.Equal("Ice", updated["modifiers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(330, updated["attributes"]!["size_ml"]!.GetValue<int>());

        var stale = await client.PutAsJsonAsync($"/api/products/{id}", new { sku = "COLA-330", name = "Stale edit", price = 1m, version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/barcode/{ean}")).StatusCode);
        // The tombstone frees the SKU and the barcode for a new product.
        await client.CreateProductAsync("COLA-330", 1.5m, barcodes: [ean]);
        var audited = await app.WithDbAsync(tenant.Id, db => db.AuditLogs.Where(a => a.EntityType == "Product" && a.EntityId == id.ToString())
            .OrderBy(a => a.CreatedAt).Select(a => a.Action).ToListAsync());
        Assert.Equal(["create", "update", "delete"], audited);
    }

    [Fact]
    public async Task Create_DuplicateSku_Returns409NamingTheSku()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.Owner.Client.CreateProductAsync("DUP-1", name: "First");

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/products", new { sku = "DUP-1", name = "Second", price = 1m });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.NodeAsync();
        Assert.Equal("sku", body["field"]!.GetValue<string>());
        Assert.Contains("DUP-1", body["detail"]!.GetValue<string>());
        Assert.Equal(1, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task Create_DuplicateBarcode_Returns409NamingTheBarcode()
    {
        var tenant = await app.CreateTenantAsync();
        var ean = CatalogTestData.NewEan13();
        await tenant.Owner.Client.CreateProductAsync("A-1", barcodes: [ean], name: "Owner of the code");

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/products", new { sku = "B-1", name = "Thief", price = 1m, barcodes = new[] { CatalogTestData.NewEan13(), ean } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.NodeAsync();
        Assert.Equal("barcodes[1]", body["field"]!.GetValue<string>());
        Assert.Contains(ean, body["detail"]!.GetValue<string>());
        Assert.Contains("Owner of the code", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_BadEan13CheckDigit_Returns400NamingTheFieldAndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var good = CatalogTestData.NewEan13();
        var bad = good[..12] + (char)('0' + (good[12] - '0' + 1) % 10);

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/products", new { sku = "X-1", name = "X", price = 1m, barcodes = new[] { good, bad, "036000291453" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.NodeAsync())["errors"]!.AsObject();
        Assert.Contains("check digit", errors["barcodes[1]"]![0]!.GetValue<string>());
        Assert.Contains("UPC-A", errors["barcodes[2]"]![0]!.GetValue<string>());
        Assert.Null(errors["barcodes[0]"]);
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Owner.Client.GetAsync($"/api/products/barcode/{bad}")).StatusCode);
    }

    [Fact]
    public async Task BranchOverride_PriceAndAvailability_ApplyInThatBranchOnly()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var other = await client.CreateBranchAsync("B2");
        var ean = CatalogTestData.NewEan13();
        var id = (await client.CreateProductAsync("TEA-1", 3m, barcodes: [ean]))["id"]!.GetValue<Guid>();
        await client.CreateProductAsync("TEA-2", 4m);

        var put = await client.PutAsJsonAsync($"/api/products/{id}/branches/{other}", new { price = 3.5m, min_stock = 2, max_stock = 20, shelf_location = "A3" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var hidden = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/products?search=TEA-2"))!["data"]![0]!["id"]!.GetValue<Guid>();
        await client.PutAsJsonAsync($"/api/products/{hidden}/branches/{other}", new { is_available = false });

        var inOther = await (await client.GetAsync($"/api/products/barcode/{ean}?branch_id={other}")).NodeAsync();
        var inHome = await (await client.GetAsync($"/api/products/barcode/{ean}?branch_id={tenant.BranchId}")).NodeAsync();
        var listOther = await (await client.GetAsync($"/api/products?branch_id={other}&sort=sku")).NodeAsync();
        var availableOther = await (await client.GetAsync($"/api/products?branch_id={other}&available=true")).NodeAsync();

        Assert.Equal(3.5m, inOther["effective_price"]!.GetValue<decimal>());
        Assert.Equal("A3", inOther["branch"]!["shelf_location"]!.GetValue<string>());
        Assert.Equal(3m, inHome["effective_price"]!.GetValue<decimal>());
        Assert.Equal(3.5m, listOther["data"]![0]!["effective_price"]!.GetValue<decimal>());
        Assert.False(listOther["data"]![1]!["is_available"]!.GetValue<bool>());
        Assert.Equal(["TEA-1"], availableOther["data"]!.AsArray().Select(p => p!["sku"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_KeysetPaging_VisitsEveryProductOnceInSkuOrder()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        foreach (var sku in new[] { "K-05", "K-01", "K-04", "K-02", "K-03" }) await client.CreateProductAsync(sku);

        var seen = new List<string>();
        var url = "/api/products?keyset=true&per_page=2";
        for (var guard = 0; guard < 10 && url is not null; guard++)
        {
            var page = await (await client.GetAsync(url)).NodeAsync();
            seen.AddRange(page["data"]!.AsArray().Select(p => p!["sku"]!.GetValue<string>()));
            var next = page["meta"]!["next_cursor"]?.GetValue<string>();
            url = next is null ? null : $"/api/products?after={Uri.EscapeDataString(next)}&per_page=2";
        }

        Assert.Equal(["K-01", "K-02", "K-03", "K-04", "K-05"], seen);
    }

    [Fact]
    public async Task AnotherTenantsProduct_Answers404Everywhere()
    {
        var owner = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();
        var ean = CatalogTestData.NewEan13();
        var id = (await owner.Owner.Client.CreateProductAsync("MINE-1", barcodes: [ean]))["id"]!.GetValue<Guid>();
        var client = stranger.Owner.Client;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/barcode/{ean}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/products/{id}", new { sku = "MINE-1", name = "Stolen", price = 0m })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/products/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/products/{id}/branches/{stranger.BranchId}", new { price = 1m })).StatusCode);
        Assert.Equal(0, (await (await client.GetAsync("/api/products")).NodeAsync())["meta"]!["total"]!.GetValue<int>());
        // The same SKU and barcode are free in another tenant.
        await client.CreateProductAsync("MINE-1", barcodes: [ean]);
    }

    [Fact]
    public async Task Create_BlankSkuOrName_Answers400NamingBoth()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/products", new { sku = "   ", name = " ", price = 1m, cost = -1m });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.NodeAsync())["errors"]!.AsObject();
        Assert.Equal(["cost", "name", "sku"], errors.Select(e => e.Key).Order());
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task Cashier_CannotWriteProducts_ButCanRead()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("cash1", "cashier");
        await tenant.Owner.Client.CreateProductAsync("R-1");

        var write = await cashier.Client.PostAsJsonAsync("/api/products", new { sku = "R-2", name = "No", price = 1m });
        var read = await cashier.Client.GetAsync("/api/products");

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}

public sealed class ProductsTestsSqlite(SqliteApp app) : ProductsTests(app);

public sealed class ProductsTestsPostgres(PostgresApp app) : ProductsTests(app);
