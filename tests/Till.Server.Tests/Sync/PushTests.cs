using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;
using Till.Server.Tests.Infrastructure;
using static Till.Server.Tests.Sync.SyncClient;

namespace Till.Server.Tests.Sync;

/// <summary>Pushes of real intents: exactly-once ledgers, isolation of bad mutations, master-data conflicts.</summary>
public abstract class PushTests(TillApp app)
{
    [Fact]
    public async Task PushingTheSameBatchTwice_AppliesItOnce_AndTheSecondAnswerIsAllDuplicates()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var product = await CreateProductAsync(tenant, "SKU-1");
        var batch = Enumerable.Range(1, 20).Select(i => Mutation(i, MutationKinds.StockAdjust, Adjust(product, i))).ToList();

        var first = await till.Client.PushAsync(batch);
        var second = await till.Client.PushAsync(batch);

        Assert.All(first.Results, r => Assert.Equal(MutationStatus.Applied, r.Status));
        Assert.All(second.Results, r => Assert.Equal(MutationStatus.Duplicate, r.Status));
        Assert.Equal(first.Results.Select(r => r.Result!.Value.GetProperty("level").GetDecimal()), second.Results.Select(r => r.Result!.Value.GetProperty("level").GetDecimal()));
        Assert.Equal(210m, await LevelAsync(tenant, product));
        Assert.Equal(20, await app.WithDbAsync(tenant.Id, db => db.StockMovements.CountAsync(m => m.ProductId == product)));
    }

    [Fact]
    public async Task OneMalformedMutationInABatchOf100_LeavesTheOther99Applied()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var product = await CreateProductAsync(tenant, "SKU-1");
        var batch = Enumerable.Range(1, 100).Select(i => i == 37
            ? Mutation(i, MutationKinds.StockAdjust, new { movement_id = Guid.CreateVersion7(), product_id = "not-a-uuid", quantity = "lots" })
            : Mutation(i, MutationKinds.StockAdjust, Adjust(product, 1))).ToList();

        var response = await till.Client.PushAsync(batch);

        Assert.Equal(MutationStatus.Rejected, response.Results[36].Status);
        Assert.Contains("malformed", response.Results[36].Reason);
        Assert.Equal(99, response.Results.Count(r => r.Status == MutationStatus.Applied));
        Assert.Equal(100, response.LastAppliedSeq);
        Assert.Equal(99m, await LevelAsync(tenant, product));
    }

    [Fact]
    public async Task AnUnauthorisedMutation_IsRejectedAlone()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.AddUserAsync("cash", "cashier");
        var till = await tenant.AddDeviceAsync("T1", username: "cash");
        var product = await CreateProductAsync(tenant, "SKU-1");

        var response = await till.Client.PushAsync([
            Mutation(1, MutationKinds.ProductUpsert, new ProductUpsert(product, "SKU-1", "Renamed by a cashier", 1, 0, 0, null, [], true, true)),
            Mutation(2, MutationKinds.CustomerUpsert, new CustomerUpsert(Guid.CreateVersion7(), "", "Walk-in Wendy", null, null, null, null, null)),
        ]);

        Assert.Equal(MutationStatus.Rejected, response.Results[0].Status);
        Assert.Contains("products.write", response.Results[0].Reason);
        Assert.Equal(MutationStatus.Applied, response.Results[1].Status);
        var name = await app.WithDbAsync(tenant.Id, db => db.Products.Where(p => p.Id == product).Select(p => p.Name).FirstAsync());
        Assert.NotEqual("Renamed by a cashier", name);
    }

    [Fact]
    public async Task AStaleMasterDataWrite_IsAppliedAndRecordedAsAConflict_ThatCanBeResolved()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var customerId = Guid.CreateVersion7();
        await till.Client.PushAsync([Mutation(1, MutationKinds.CustomerUpsert, new CustomerUpsert(customerId, "C-BUDI", "Budi", "0811", null, null, null, null))]);
        // The back office edits the customer (version 2) while the till is offline with version 1.
        var edit = await tenant.Owner.Client.PutAsJsonAsync($"/api/customers/{customerId}", new { code = "C-BUDI", name = "Budi Santoso", phone = "0811" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var push = await till.Client.PushAsync([Mutation(2, MutationKinds.CustomerUpsert, new CustomerUpsert(customerId, "C-BUDI", "Budi S.", "0822", null, null, null, null), baseVersion: 1)]);

        var result = Assert.Single(push.Results);
        Assert.Equal(MutationStatus.Conflict, result.Status);
        Assert.Equal(2, result.ServerVersion);
        Assert.Equal("Budi Santoso", result.ServerData!.Value.Str("name"));
        var conflicts = await (await tenant.Owner.Client.GetAsync("/api/sync/conflicts?reviewed=false")).NodeAsync();
        var conflict = Assert.Single(conflicts["data"]!.AsArray())!;
        Assert.Equal("last_write_wins", conflict["resolution"]!.GetValue<string>());
        Assert.Equal("Budi S.", await CustomerNameAsync(tenant, customerId));

        var resolve = await tenant.Owner.Client.PostAsJsonAsync("/api/sync/resolve-conflict", new { conflict_id = conflict["id"]!.GetValue<Guid>(), resolution = "keep_server" });

        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal("Budi Santoso", await CustomerNameAsync(tenant, customerId));
        Assert.Equal(0, (await (await tenant.Owner.Client.GetAsync("/api/sync/conflicts?reviewed=false")).NodeAsync())["meta"]!["total"]!.GetValue<int>());
        // The resolution is a new change every till pulls.
        var (changes, _) = await till.Client.PullAllAsync();
        Assert.Equal("Budi Santoso", changes.Last(c => c.Id == customerId).Data.Str("name"));
    }

    [Fact]
    public async Task StockCount_PostsTheDifference_AndTheLevelReachesOnlyThatBranch()
    {
        var tenant = await app.CreateTenantAsync();
        var second = await tenant.AddBranchAsync("B2");
        var till = await tenant.AddDeviceAsync("T1");
        var other = await tenant.AddDeviceAsync("T9", second);
        var product = await CreateProductAsync(tenant, "SKU-1");
        await till.Client.PushAsync([Mutation(1, MutationKinds.StockAdjust, Adjust(product, 10))]);

        var count = await till.Client.PushAsync([Mutation(2, MutationKinds.StockCount, new StockCount(Guid.CreateVersion7(), product, Guid.Empty, 7, DateTime.UtcNow))]);

        Assert.Equal(-3m, count.Results[0].Result!.Value.GetProperty("difference").GetDecimal());
        Assert.Equal(7m, await LevelAsync(tenant, product));
        var (mine, _) = await till.Client.PullAllAsync();
        var (theirs, _) = await other.Client.PullAllAsync();
        Assert.Equal(7m, mine.Last(c => c.Entity == "stock_level").Data.GetProperty("quantity").GetDecimal());
        Assert.DoesNotContain(theirs, c => c.Entity == "stock_level");
    }

    [Fact]
    public async Task AGzipCompressedPush_IsAccepted()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var product = await CreateProductAsync(tenant, "SKU-1");
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            protocol_version = 1,
            mutations = Enumerable.Range(1, 500).Select(i => Mutation(i, MutationKinds.StockAdjust, Adjust(product, 1))),
        }, Json.Options);
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) await gzip.WriteAsync(json);
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await till.Client.PostAsync("/api/sync/batch-push", content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(500m, await LevelAsync(tenant, product));
    }

    private static StockAdjust Adjust(Guid product, decimal quantity) =>
        new(Guid.CreateVersion7(), product, Guid.Empty, quantity, "test", DateTime.UtcNow);

    internal static async Task<Guid> CreateProductAsync(TestTenant tenant, string sku)
    {
        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/products", new { sku, name = $"Product {sku}", price = 10_000, tax_rate = 11 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    private Task<decimal> LevelAsync(TestTenant tenant, Guid product) =>
        app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == product).Select(l => l.Quantity).FirstAsync());

    private Task<string> CustomerNameAsync(TestTenant tenant, Guid id) =>
        app.WithDbAsync(tenant.Id, db => db.Customers.Where(c => c.Id == id).Select(c => c.Name).FirstAsync());
}

public sealed class PushTestsSqlite(SqliteApp app) : PushTests(app);

public sealed class PushTestsPostgres(PostgresApp app) : PushTests(app);
