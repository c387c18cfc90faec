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

        Assert.Equal(200, products["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(10, categories["meta"]!["total"]!.GetValue<int>());
        Assert.All(products["data"]!.AsArray(), p =>
        {
            var code = p!["barcodes"]![0]!.GetValue<string>();
            Assert.Equal(13, code.Length);
            Assert.Null(Till.Server.Catalog.Barcode.Problem(code));
        });
        Assert.Equal(2, branches);
        Assert.True(customers["meta"]!["total"]!.GetValue<int>() >= 10);
        Assert.True(suppliers["meta"]!["total"]!.GetValue<int>() >= 3);
        Assert.True(customers["data"]![0]!["loyalty_balance"]!.GetValue<decimal>() > 0);
    }
}

public sealed class DemoCatalogTestsSqlite(SqliteApp app) : DemoCatalogTests(app);

public sealed class DemoCatalogTestsPostgres(PostgresApp app) : DemoCatalogTests(app);
