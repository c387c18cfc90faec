using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Data;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Catalog;

public abstract class DemoCatalogTests(TillApp app)
{
    [Fact]
    public async Task DemoData_GivesTheDemoTenantARealisticStockedCatalogue()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<TillDbContext>().Tenants.IgnoreQueryFilters().AnyAsync(t => t.Code == "demo"))
                await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
        }

        var login = await (await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { tenant = "demo", username = "owner", password = DemoData.Password })).NodeAsync();
        var client = app.WithToken(login["access_token"]!.GetValue<string>());
        var tenantId = login["user"]!["tenant"]!["id"]!.GetValue<Guid>();

        var products = await (await client.GetAsync("/api/products?per_page=500")).NodeAsync();
        var categories = await (await client.GetAsync("/api/categories")).NodeAsync();
        var branches = await app.WithDbAsync(tenantId, db => db.StockLevels.Where(l => l.Quantity > 0)
            .Join(db.Warehouses, l => l.WarehouseId, w => w.Id, (l, w) => w.BranchId).Distinct().CountAsync());
        var customers = await (await client.GetAsync("/api/customers")).NodeAsync();
        var suppliers = await (await client.GetAsync("/api/suppliers")).NodeAsync();

        // 200 shop products in 10 categories, plus the restaurant's menu (5 dishes, 1 category).
        Assert.Equal(205, products["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(11, categories["meta"]!["total"]!.GetValue<int>());
        Assert.All(products["data"]!.AsArray().Where(p => !p!["sku"]!.GetValue<string>().StartsWith("RST-", StringComparison.Ordinal)), p =>
        {
            var code = p!["barcodes"]![0]!.GetValue<string>();
            Assert.Equal(13, code.Length);
            Assert.Null(Till.Server.Catalog.Barcode.Problem(code));
        });
        Assert.Equal(2, branches);
        Assert.True(customers["meta"]!["total"]!.GetValue<int>() >= 10);
        Assert.True(suppliers["meta"]!["total"]!.GetValue<int>() >= 3);
        Assert.True(customers["data"]![0]!["loyalty_balance"]!.GetValue<decimal>() > 0);

        // Selling history: a week of orders, a closed shift with its Z report, a restaurant with tables and an open tab.
        var orders = await app.WithDbAsync(tenantId, db => db.Orders.Where(o => o.Status == Till.Server.Orders.OrderStatus.Completed)
            .Select(o => o.CompletedAt!.Value.Date).Distinct().CountAsync());
        Assert.Equal(7, orders);
        var shift = await app.WithDbAsync(tenantId, db => db.Shifts.SingleAsync(s => s.Status == Till.Server.Shifts.ShiftStatus.Closed));
        var z = await (await client.GetAsync($"/api/shifts/{shift.Id}/z-report")).NodeAsync();
        Assert.True(z["orders"]!.GetValue<int>() >= 12);
        Assert.Equal(-2000m, z["cash_variance"]!.GetValue<decimal>());
        var tables = await (await client.GetAsync("/api/restaurant/tables")).NodeAsync();
        Assert.Equal(10, tables.AsArray().Count);
        Assert.Single(tables.AsArray(), t => t!["open_order_ids"]!.AsArray().Count == 1);
    }
}

public sealed class DemoCatalogTestsSqlite(SqliteApp app) : DemoCatalogTests(app);

public sealed class DemoCatalogTestsPostgres(PostgresApp app) : DemoCatalogTests(app);
