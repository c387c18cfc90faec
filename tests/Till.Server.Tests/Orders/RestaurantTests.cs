using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Orders;

public abstract class RestaurantTests(TillApp app)
{
    private static async Task<JsonNode> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync(url, body);
        await CatalogTestData.EnsureAsync(response, expected);
        return await response.NodeAsync();
    }

    private static async Task<(Guid Hall, Guid T1, Guid T2)> TablesAsync(HttpClient client, Guid branchId)
    {
        var hall = (await PostAsync(client, "/api/restaurant/halls", new { branch_id = branchId, name = "Main hall" }))["id"]!.GetValue<Guid>();
        var t1 = (await PostAsync(client, "/api/restaurant/tables", new { hall_id = hall, name = "1", seats = 4 }))["id"]!.GetValue<Guid>();
        var t2 = (await PostAsync(client, "/api/restaurant/tables", new { hall_id = hall, name = "2", seats = 2 }))["id"]!.GetValue<Guid>();
        return (hall, t1, t2);
    }

    private static async Task<Guid> OpenTabAsync(HttpClient client, Guid branchId, Guid table, Guid product) =>
        (await PostAsync(client, "/api/orders", new { branch_id = branchId, table_id = table, open = true, lines = new[] { OrderTestData.Line(product, 1m) } }))["id"]!.GetValue<Guid>();

    [Fact]
    public async Task Tab_TwoConcurrentLineOperations_BothSurvive()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var (soup, rice, tea) = (await client.ProductAsync("SOUP", 4m), await client.ProductAsync("RICE", 2m), await client.ProductAsync("TEA", 1m));
        var (_, t1, _) = await TablesAsync(client, tenant.BranchId);
        var tab = await OpenTabAsync(client, tenant.BranchId, t1, soup);
        var soupLine = (await (await client.GetAsync($"/api/orders/{tab}")).NodeAsync())["lines"]![0]!["id"]!.GetValue<Guid>();
        var waiter = (await tenant.AddUserAsync("waiter1", "waiter")).Client;

        var results = await Task.WhenAll(
            client.PostAsJsonAsync($"/api/orders/{tab}/lines", new { line = OrderTestData.Line(rice, 2m) }),
            waiter.PostAsJsonAsync($"/api/orders/{tab}/lines", new { line = OrderTestData.Line(tea, 3m) }),
            waiter.PatchAsJsonAsync($"/api/orders/{tab}/lines/{soupLine}", new { quantity = 2m }));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var order = await (await client.GetAsync($"/api/orders/{tab}")).NodeAsync();
        var lines = order["lines"]!.AsArray().Select(l => (l!["product_id"]!.GetValue<Guid>(), l.Dec("quantity"))).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains((soup, 2m), lines);
        Assert.Contains((rice, 2m), lines);
        Assert.Contains((tea, 3m), lines);
        var table = await (await client.GetAsync($"/api/restaurant/tables/{t1}")).NodeAsync();
        Assert.Equal("occupied", table["status"]!.GetValue<string>());
        Assert.Equal(tab, table["open_order_ids"]![0]!.GetValue<Guid>());
        // The soup came with the tab (inside the order's entry); a line added later is audited by itself, as its waiter's.
        var audited = await app.WithDbAsync(tenant.Id, db => db.AuditLogs.Where(a => a.EntityType == "OrderLine" && a.Action == "create").Select(a => new { a.NewValues, a.UserId }).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.Contains(audited, a => a.NewValues!.Contains(tea.ToString(), StringComparison.Ordinal) && a.UserId != tenant.OwnerId);
        Assert.Contains(soup.ToString(), await app.WithDbAsync(tenant.Id, db => db.AuditLogs.Where(a => a.EntityType == "Order" && a.EntityId == tab.ToString()).Select(a => a.NewValues).FirstAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_MoveMergeKitchenAndComplete_FollowTheOrders()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var (soup, tea) = (await client.ProductAsync("SOUP", 4m), await client.ProductAsync("TEA", 1m));
        var (_, t1, t2) = await TablesAsync(client, tenant.BranchId);
        await PostAsync(client, "/api/restaurant/printers", new { branch_id = tenant.BranchId, name = "Kitchen", address = "192.168.1.50" });
        var first = await OpenTabAsync(client, tenant.BranchId, t1, soup);

        var ticket = await PostAsync(client, $"/api/restaurant/orders/{first}/kitchen", new { }, HttpStatusCode.OK);
        var nothingNew = await client.PostAsJsonAsync($"/api/restaurant/orders/{first}/kitchen", new { });
        await PostAsync(client, $"/api/orders/{first}/move", new { table_id = t2 }, HttpStatusCode.OK);
        var second = await OpenTabAsync(client, tenant.BranchId, t1, tea);
        var merged = await PostAsync(client, $"/api/restaurant/tables/{t2}/merge", new { source_table_id = t1 }, HttpStatusCode.OK);
        var addition = await PostAsync(client, $"/api/restaurant/orders/{first}/kitchen", new { }, HttpStatusCode.OK);
        var completed = await PostAsync(client, $"/api/orders/{first}/complete", new { payments = new[] { OrderTestData.Pay("CASH", 10m) } }, HttpStatusCode.OK);

        Assert.Contains("1 x Product SOUP", ticket["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, nothingNew.StatusCode);
        Assert.Equal([first], merged["open_order_ids"]!.AsArray().Select(i => i!.GetValue<Guid>()));
        Assert.Contains("1 x Product TEA", addition["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("SOUP", addition["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("voided", (await (await client.GetAsync($"/api/orders/{second}")).NodeAsync())["status"]!.GetValue<string>());
        Assert.Equal(5m, completed.Dec("grand_total"));
        Assert.Equal(5m, completed.Dec("change"));
        var tables = await (await client.GetAsync($"/api/restaurant/tables?branch_id={tenant.BranchId}")).NodeAsync();
        Assert.All(tables.AsArray(), t => Assert.Equal("needs_cleaning", t!["status"]!.GetValue<string>()));
        var tickets = await app.WithDbAsync(tenant.Id, db => db.KitchenTickets.CountAsync(t => t.PrinterId != null));
        Assert.Equal(2, tickets);
    }
}

public sealed class RestaurantTestsSqlite(SqliteApp app) : RestaurantTests(app);

public sealed class RestaurantTestsPostgres(PostgresApp app) : RestaurantTests(app);
