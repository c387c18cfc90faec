using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Catalog;

/// <summary>Small helpers that create catalogue rows through the API, failing loudly.</summary>
internal static class CatalogTestData
{
    private static int _counter;

    /// <summary>A valid EAN-13 that no other test uses.</summary>
    public static string NewEan13()
    {
        var body = "20" + (Interlocked.Increment(ref _counter) + Random.Shared.Next(0, 1_000_000) * 1000L).ToString("D10")[..10];
        return Till.Server.Catalog.Barcode.Ean13(body);
    }

    public static async Task<JsonNode> CreateProductAsync(this HttpClient client, string sku, decimal price = 10m, Guid? categoryId = null,
        string[]? barcodes = null, string? name = null, decimal cost = 4m)
    {
        var response = await client.PostAsJsonAsync("/api/products", new
        {
            sku,
            name = name ?? $"Product {sku}",
            price,
            cost,
            category_id = categoryId,
            barcodes = barcodes ?? [],
        });
        await EnsureAsync(response, HttpStatusCode.Created);
        return await response.NodeAsync();
    }

    public static async Task<Guid> CreateProductIdAsync(this HttpClient client, string sku, decimal price = 10m, decimal cost = 4m) =>
        (await client.CreateProductAsync(sku, price, cost: cost))["id"]!.GetValue<Guid>();

    public static async Task<Guid> CreateCategoryAsync(this HttpClient client, string name, Guid? parentId = null)
    {
        var response = await client.PostAsJsonAsync("/api/categories", new { name, parent_id = parentId });
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> CreateBranchAsync(this HttpClient client, string code)
    {
        var response = await client.PostAsJsonAsync("/api/branches", new { code, name = $"Branch {code}", timezone = "UTC", currency = "USD", tax_mode = "exclusive" });
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> DefaultWarehouseAsync(this HttpClient client, Guid branchId)
    {
        var list = await (await client.GetAsync($"/api/warehouses?branch_id={branchId}")).NodeAsync();
        return list.AsArray().First(w => w!["is_default"]!.GetValue<bool>())!["id"]!.GetValue<Guid>();
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
