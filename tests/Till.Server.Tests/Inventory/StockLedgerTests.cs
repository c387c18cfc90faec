using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Data;
using Till.Server.Inventory;
using Till.Server.Tests.Catalog;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Inventory;

public abstract class StockLedgerTests(TillApp app)
{
    [Fact]
    public async Task PostAsync_CrossingMinStock_RaisesLowStockDetectedForTheHub()
    {
        var tenant = await app.CreateTenantAsync();
        var product = await tenant.Owner.Client.CreateProductIdAsync("EVT-1");
        await tenant.Owner.Client.PutAsJsonAsync($"/api/products/{product}/branches/{tenant.BranchId}", new { min_stock = 3 });
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        db.Tenant.Use(tenant.Id, tenant.OwnerId);
        var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();

        await using var tx = await db.Database.BeginTransactionAsync();
        await ledger.PostAsync(new StockPosting(tenant.WarehouseId, product, MovementType.Purchase, 5), CancellationToken.None);
        var posted = await ledger.PostAsync(new StockPosting(tenant.WarehouseId, product, MovementType.Sale, -2, ReferenceType: "order", ReferenceId: Guid.NewGuid()), CancellationToken.None);
        // Queued on the unit of work until commit: taken here, they are what the hub would receive.
        var events = db.TakeEvents();
        await tx.RollbackAsync();

        Assert.Equal(3m, posted.Level);
        var low = Assert.Single(events.OfType<LowStockDetected>());
        Assert.Equal((tenant.BranchId, product, 3m, 3m), (low.BranchId!.Value, low.ProductId, low.Quantity, low.MinStock));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, d => d.StockMovements.CountAsync()));
    }

    [Fact]
    public async Task PostAsync_WithoutTheCallersTransaction_RefusesAndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var product = await tenant.Owner.Client.CreateProductIdAsync("TX-1");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        db.Tenant.Use(tenant.Id, tenant.OwnerId);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<StockLedger>().PostAsync(new StockPosting(tenant.WarehouseId, product, MovementType.Adjustment, 1), CancellationToken.None));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, d => d.StockLevels.CountAsync()));
    }

    [Fact]
    public async Task PostAsync_ForAProductOrWarehouseThatDoesNotExist_FailsAndWritesNothing()
    {
        // stock_movements has no foreign keys of its own (they locked hot rows); the level row it is posted
        // against in the same transaction keeps both keys, so a movement can never point at nothing.
        var tenant = await app.CreateTenantAsync();
        var product = await tenant.Owner.Client.CreateProductIdAsync("KEY-1");
        foreach (var (warehouse, missingProduct) in new[] { (tenant.WarehouseId, Guid.NewGuid()), (Guid.NewGuid(), product) })
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
            db.Tenant.Use(tenant.Id, tenant.OwnerId);
            await using var tx = await db.Database.BeginTransactionAsync();
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<StockLedger>()
                .PostAsync(new StockPosting(warehouse, missingProduct, MovementType.Adjustment, 1), CancellationToken.None));
            Assert.Contains("foreign key", (failure.InnerException ?? failure).Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, d => d.StockMovements.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, d => d.StockLevels.CountAsync()));
    }

    [Fact]
    public async Task Transfer_IntoAVan_WritesAVanLoad()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var product = await client.CreateProductIdAsync("VAN-1");
        var van = await client.PostAsJsonAsync("/api/warehouses", new { branch_id = tenant.BranchId, code = "VAN-1", name = "Van one", kind = "van" });
        Assert.Equal(HttpStatusCode.Created, van.StatusCode);
        var vanId = (await van.NodeAsync())["id"]!.GetValue<Guid>();

        var transfer = await client.PostAsJsonAsync("/api/inventory/transfers", new
        {
            from_warehouse_id = tenant.WarehouseId, to_warehouse_id = vanId, lines = new[] { new { product_id = product, quantity = 12m } },
        });

        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);
        var types = (await transfer.NodeAsync())["movements"]!.AsArray().Select(m => m!["type"]!.GetValue<string>());
        Assert.Equal(["transfer_out", "van_load"], types);
        var levels = await (await client.GetAsync($"/api/products/{product}/stock")).NodeAsync();
        Assert.Equal(12m, levels.AsArray().Single(l => l!["warehouse_id"]!.GetValue<Guid>() == vanId)!["quantity"]!.GetValue<decimal>());
        Assert.Equal(-12m, levels.AsArray().Single(l => l!["warehouse_id"]!.GetValue<Guid>() == tenant.WarehouseId)!["quantity"]!.GetValue<decimal>());
    }
}

public sealed class StockLedgerTestsSqlite(SqliteApp app) : StockLedgerTests(app);

public sealed class StockLedgerTestsPostgres(PostgresApp app) : StockLedgerTests(app);
