using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;
using Till.Server.Tests.Licensing;

namespace Till.Server.Tests.Orders;

/// <summary>Products, licensed tills and checkouts made through the API for the order tests.</summary>
internal static class OrderTestData
{
    public static async Task<Guid> ProductAsync(this HttpClient client, string sku, decimal price, decimal taxRate = 0m, bool trackStock = true)
    {
        var response = await client.PostAsJsonAsync("/api/products", new { sku, name = $"Product {sku}", price, cost = 1m, tax_rate = taxRate, track_stock = trackStock });
        await CatalogTestData.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    /// <summary>Tills with an active licence seat each, signed in as <paramref name="username"/>.</summary>
    public static async Task<List<DeviceSession>> LicensedTillsAsync(this TillApp app, TestTenant tenant, int count, string username = "owner")
    {
        var license = await app.GenerateLicenseAsync(tenant, seats: count + 1);
        var tills = new List<DeviceSession>();
        for (var i = 1; i <= count; i++)
        {
            var till = await tenant.AddDeviceAsync($"T{i}", username: username);
            var activated = await LicenseTestData.ActivateAsync(tenant.Owner.Client, till.DeviceId, license.Key, $"fp-{i}-{Guid.NewGuid():N}");
            await CatalogTestData.EnsureAsync(activated, HttpStatusCode.OK);
            tills.Add(till);
        }
        return tills;
    }

    public static object Line(Guid productId, decimal quantity) => new { product_id = productId, quantity };

    public static object Pay(string method, decimal amount) => new { method, amount };

    public static Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, Guid branchId, object[] lines, object[] payments, string? idempotencyKey = null, Guid? customerId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(new { branch_id = branchId, customer_id = customerId, lines, payments }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static async Task<JsonNode> CompletedAsync(this HttpClient client, Guid branchId, object[] lines, object[] payments)
    {
        var response = await client.CheckoutAsync(branchId, lines, payments);
        await CatalogTestData.EnsureAsync(response, HttpStatusCode.Created);
        return await response.NodeAsync();
    }

    public static decimal Dec(this JsonNode node, string name) => node[name]!.GetValue<decimal>();
}
