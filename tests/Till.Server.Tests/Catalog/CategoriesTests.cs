using System.Net;
using System.Net.Http.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Catalog;

public abstract class CategoriesTests(TillApp app)
{
    [Fact]
    public async Task Delete_CategoryWithProductsOrChildren_Returns409WithTheReason()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var food = await client.CreateCategoryAsync("Food");
        var snacks = await client.CreateCategoryAsync("Snacks", food);
        await client.CreateProductAsync("SN-1", categoryId: snacks);

        var parent = await client.DeleteAsync($"/api/categories/{food}");
        var withProducts = await client.DeleteAsync($"/api/categories/{snacks}");

        Assert.Equal(HttpStatusCode.Conflict, parent.StatusCode);
        Assert.Equal("has_children", (await parent.NodeAsync())["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, withProducts.StatusCode);
        Assert.Contains("1 product", (await withProducts.NodeAsync())["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/categories/{snacks}")).StatusCode);
    }

    [Fact]
    public async Task Categories_TreeCrud_SortsAndRefusesLoops()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var drinks = await client.CreateCategoryAsync("Drinks");
        var hot = await client.CreateCategoryAsync("Hot", drinks);
        await client.PostAsJsonAsync("/api/categories", new { name = "Cold", parent_id = drinks, sort_order = -1 });
        await client.PostAsJsonAsync("/api/categories", new { name = "Cold", parent_id = drinks, sort_order = 0 });

        var loop = await client.PutAsJsonAsync($"/api/categories/{drinks}", new { name = "Drinks", parent_id = hot });
        var duplicate = await client.PostAsJsonAsync("/api/categories", new { name = "Cold", parent_id = drinks });
        var rename = await client.PutAsJsonAsync($"/api/categories/{hot}", new { name = "Hot drinks", parent_id = drinks, sort_order = 5 });
        var children = await (await client.GetAsync($"/api/categories?parent_id={drinks}")).NodeAsync();
        var delete = await client.DeleteAsync($"/api/categories/{hot}");

        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal(["Cold", "Hot drinks"], children["data"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/categories/{hot}")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheCatalogueInventoryAndPurchasingEndpoints()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.NodeAsync())["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/api/categories", "/api/products", "/api/products/{id}", "/api/products/barcode/{code}", "/api/products/import", "/api/products/export",
            "/api/products/{id}/stock", "/api/products/{id}/movements", "/api/inventory", "/api/inventory/low-stock", "/api/inventory/valuation",
            "/api/inventory/transfers", "/api/inventory/counts", "/api/customers", "/api/customers/{id}/loyalty", "/api/suppliers", "/api/purchases",
            "/api/purchases/returns",
        }, paths);
    }
}

public sealed class CategoriesTestsSqlite(SqliteApp app) : CategoriesTests(app);

public sealed class CategoriesTestsPostgres(PostgresApp app) : CategoriesTests(app);
