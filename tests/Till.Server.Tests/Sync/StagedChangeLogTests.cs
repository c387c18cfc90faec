using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Catalog;
using Till.Server.Data;
using Till.Server.Sync;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Sync;

/// <summary>Bulk writes (the CSV import) stage their change-log rows and publish them just before commit.</summary>
public abstract class StagedChangeLogTests(TillApp app)
{
    [Fact]
    public async Task AnImport_ReachesDevicesThroughThePull_AndLeavesNothingStaged()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var (_, cursor) = await till.Client.PullAllAsync();
        var csv = "sku,name,price,barcodes\nA-1,Apple,1.5,4006381333931\nB-2,Banana,0.5,\nC-3,Cherry,3,\n";

        var response = await tenant.Owner.Client.PostAsync("/api/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var page = await till.Client.PullAsync(cursor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["A-1", "B-2", "C-3"], page.Changes.Where(c => c.Entity == "product").Select(c => c.Data.Str("sku")).Order());
        Assert.Contains(page.Changes, c => c.Entity == "product_barcode" && c.Data.Str("code") == "4006381333931");
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.StagedChanges.CountAsync()));
    }

    [Fact]
    public async Task AFailedImport_PublishesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var (_, cursor) = await till.Client.PullAllAsync();

        var response = await tenant.Owner.Client.PostAsync("/api/products/import",
            new StringContent("sku,name,price\nA-1,Apple,1.5\nB-2,Banana,not-a-price\n", Encoding.UTF8, "text/csv"));
        var page = await till.Client.PullAsync(cursor);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(page.Changes, c => c.Entity == "product");
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.StagedChanges.CountAsync()));
    }
}

public sealed class StagedChangeLogTestsSqlite(SqliteApp app) : StagedChangeLogTests(app);

public sealed class StagedChangeLogTestsPostgres(PostgresApp app) : StagedChangeLogTests(app)
{
    private readonly PostgresApp _app = app;

    [Fact]
    public async Task WhileABulkWriteIsOpen_OtherWritersOfTheTenantAreNotHeldBack()
    {
        var tenant = await _app.CreateTenantAsync();
        var reader = await tenant.AddDeviceAsync("R1");
        var other = (await tenant.AddDeviceAsync("A1")).DeviceId;
        var (_, cursor) = await reader.Client.PullAllAsync();

        await using var bulkScope = _app.Services.CreateAsyncScope();
        var bulk = bulkScope.ServiceProvider.GetRequiredService<TillDbContext>();
        bulk.Tenant.Use(tenant.Id, tenant.OwnerId);
        await using var transaction = await bulk.Database.BeginTransactionAsync();
        bulk.ChangeLogBatch = Guid.CreateVersion7();
        bulk.Products.Add(new Product { Sku = "BULK-1", Name = "Bulk product", Price = 1 });
        await bulk.SaveChangesAsync();

        var sale = Task.Run(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
            db.Tenant.Use(tenant.Id, tenant.OwnerId);
            (await db.Devices.FirstAsync(d => d.Id == other)).Name = "renamed during the import";
            await db.SaveChangesAsync();
        });
        var finished = await Task.WhenAny(sale, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(sale, finished);
        await ChangeLogWriter.PublishStagedAsync(bulk, CancellationToken.None);
        await transaction.CommitAsync();
        var (changes, _) = await reader.Client.PullAllAsync(cursor);
        Assert.Contains(changes, c => c.Id == other);
        Assert.Contains(changes, c => c.Entity == "product" && c.Data.Str("sku") == "BULK-1");
        Assert.True(changes.First(c => c.Id == other).Seq < changes.First(c => c.Entity == "product").Seq);
    }
}
