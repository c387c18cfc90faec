using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Core.Sync;
using Till.Server.Sync;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Sync;

public abstract class PullTests(TillApp app)
{
    [Fact]
    public async Task Pull_ReturnsCommittedChanges_InSequenceOrder_WithoutServerSecrets()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");

        var (changes, cursor) = await till.Client.PullAllAsync(limit: 3);

        Assert.Equal(changes.Select(c => c.Seq).Order(), changes.Select(c => c.Seq));
        Assert.Equal(changes.Count, changes.Select(c => c.Seq).Distinct().Count());
        Assert.Equal(changes[^1].Seq, cursor);
        var owner = Assert.Single(changes, c => c.Entity == "user");
        Assert.Equal("owner", owner.Data.Str("username"));
        Assert.False(owner.Data.TryGetProperty("password_hash", out _));
        Assert.Contains(changes, c => c.Entity == "branch" && c.Id == tenant.BranchId);
        Assert.Contains(changes, c => c.Entity == "device" && c.Id == till.DeviceId);
        Assert.Equal(6, changes.Count(c => c.Entity == "role"));
    }

    [Fact]
    public async Task Pull_ReturnsTombstones_ForDeletedRows()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var leaver = await tenant.AddUserAsync("leaver", "cashier");
        var (_, cursor) = await till.Client.PullAllAsync();

        await tenant.Owner.Client.DeleteAsync($"/api/users/{leaver.UserId}");
        var page = await till.Client.PullAsync(cursor);

        var tombstone = Assert.Single(page.Changes, c => c.Id == leaver.UserId);
        Assert.True(tombstone.Deleted);
        Assert.Equal("user", tombstone.Entity);
        Assert.True(tombstone.Version > 1);
    }

    [Fact]
    public async Task Pull_IsScopedToTheTenantAndTheDevicesBranch()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var second = await tenant.AddBranchAsync("B2");
        var b2Cashier = await tenant.AddUserAsync("b2-cashier", "cashier", second);
        var b2Till = await tenant.AddDeviceAsync("T9", second);
        var elsewhere = await other.AddUserAsync("elsewhere", "cashier");
        var till = await tenant.AddDeviceAsync("T1");

        var (changes, _) = await till.Client.PullAllAsync();

        Assert.DoesNotContain(changes, c => c.Id == b2Cashier.UserId);
        Assert.DoesNotContain(changes, c => c.Id == b2Till.DeviceId);
        Assert.DoesNotContain(changes, c => c.Entity == "warehouse" && c.Data.GetProperty("branch_id").GetGuid() == second);
        Guid[] otherTenantsRows = [other.OwnerId, other.BranchId, other.WarehouseId, other.RoleId("owner"), elsewhere.UserId];
        Assert.DoesNotContain(changes, c => otherTenantsRows.Contains(c.Id));
        // Tenant-wide rows (the new branch itself) do reach every device of the tenant.
        Assert.Contains(changes, c => c.Entity == "branch" && c.Id == second);
        var (b2Changes, _) = await b2Till.Client.PullAllAsync();
        Assert.Contains(b2Changes, c => c.Id == b2Cashier.UserId);
    }

    [Fact]
    public async Task Pull_WithACursorOlderThanRetention_GetsAnExplicitReset()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var leaver = await tenant.AddUserAsync("leaver", "cashier");
        await tenant.Owner.Client.DeleteAsync($"/api/users/{leaver.UserId}");
        // The tombstone ages past the retention period, and compaction purges it.
        await app.WithDbAsync(tenant.Id, db => db.ChangeLog.Where(c => c.EntityId == leaver.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedAt, DateTime.UtcNow.AddDays(-400))));
        await app.Services.GetRequiredService<ChangeLogCompactor>().CompactAsync(tenant.Id, CancellationToken.None);

        var response = await till.Client.GetAsync("/api/sync/pull-changes?since=0&protocol_version=1");
        var problem = await response.NodeAsync();

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.True(problem["reset"]!.GetValue<bool>());
        // A snapshot is the way back: it no longer carries the deleted user.
        var snapshot = await till.Client.SnapshotAsync();
        Assert.DoesNotContain(snapshot.Changes, c => c.Id == leaver.UserId);
        Assert.Equal(HttpStatusCode.OK, (await till.Client.GetAsync($"/api/sync/pull-changes?since={snapshot.Upto}&protocol_version=1")).StatusCode);
    }

    [Fact]
    public async Task Snapshot_HoldsTheLatestStateOfEveryLiveRow_PageByPage()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await tenant.AddUserAsync($"user{i}", "cashier")).UserId);
        foreach (var name in new[] { "first", "second" })
            await tenant.Owner.Client.PutAsJsonAsync($"/api/users/{ids[0]}", new { full_name = name, role_id = tenant.RoleId("cashier"), is_active = true });
        await tenant.Owner.Client.DeleteAsync($"/api/users/{ids[1]}");

        var rows = new List<Till.Core.Sync.ChangeRecord>();
        var page = await till.Client.SnapshotAsync(limit: 2);
        var upto = page.Upto;
        rows.AddRange(page.Changes);
        while (page.HasMore)
        {
            page = await till.Client.SnapshotAsync(page.NextAfter, upto, limit: 2);
            rows.AddRange(page.Changes);
        }

        // Applied in order, as a device applies them, the pages leave the latest state of every live row.
        Assert.Equal(rows.Select(r => r.Seq).Order(), rows.Select(r => r.Seq));
        var mirror = new Dictionary<(string, Guid), System.Text.Json.JsonElement>();
        foreach (var row in rows)
        {
            if (row.Deleted) mirror.Remove((row.Entity, row.Id));
            else mirror[(row.Entity, row.Id)] = row.Data;
        }

        Assert.Equal("second", mirror[("user", ids[0])].Str("full_name"));
        Assert.False(mirror.ContainsKey(("user", ids[1])));
        Assert.All(ids.Skip(2), id => Assert.True(mirror.ContainsKey(("user", id))));
        Assert.Empty((await till.Client.PullAsync(upto)).Changes);
    }

    [Fact]
    public async Task Snapshot_PageOfManyChunks_ReadsTheSameWithOrWithoutCompression()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var csv = new StringBuilder("sku,name,price\n");
        for (var i = 0; i < 600; i++) csv.Append(CultureInfo.InvariantCulture, $"SKU-{i:D4},Product with a long enough name {i},{i}.50\n");
        var import = await tenant.Owner.Client.PostAsync("/api/products/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var upto = (await till.Client.SnapshotAsync(limit: 1)).Upto;

        var url = $"/api/sync/snapshot?after=0&upto={upto}&limit=5000&protocol_version=1";
        var plain = await ReadAsync(till.Client, url, null);
        var gzip = await ReadAsync(till.Client, url, "gzip");
        var brotli = await ReadAsync(till.Client, url, "br");

        // Rows are handed to the body in 64 KB chunks: this page spans several of them.
        Assert.True(plain.Length > 3 * 64 * 1024, $"{plain.Length} bytes");
        Assert.Equal(plain, gzip);
        Assert.Equal(plain, brotli);
        var page = JsonSerializer.Deserialize<SnapshotPage>(plain, Json.Options)!;
        Assert.Equal(600, page.Changes.Count(c => c.Entity == "product"));
        Assert.False(page.HasMore);
        Assert.Equal(page.Changes[^1].Seq, page.NextAfter);
    }

    private static async Task<string> ReadAsync(HttpClient client, string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding switch
        {
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            _ => body,
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Sync_NeedsADeviceToken_AndAKnownProtocolVersion()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");

        var noDevice = await tenant.Owner.Client.GetAsync("/api/sync/pull-changes?since=0");
        var future = await till.Client.GetAsync("/api/sync/pull-changes?since=0&protocol_version=99");
        var missing = await till.Client.PushRawAsync([], protocolVersion: 0);
        var negative = await till.Client.GetAsync("/api/sync/pull-changes?since=-5");

        Assert.Equal(HttpStatusCode.Forbidden, noDevice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task SyncStatus_ShowsEachDevicesCursorAndLag_ToManagers()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");
        var (_, cursor) = await till.Client.PullAllAsync();
        await tenant.AddUserAsync("newcomer", "cashier");

        var own = await (await till.Client.GetAsync("/api/sync/status")).NodeAsync();
        var fleet = await (await tenant.Owner.Client.GetAsync("/api/sync/fleet")).NodeAsync();
        var cashier = await tenant.AddUserAsync("c2", "cashier");

        Assert.Equal(cursor, own["last_pulled_seq"]!.GetValue<long>());
        Assert.True(own["cursor_lag"]!.GetValue<long>() >= 1);
        Assert.Contains(own["recent_logs"]!.AsArray(), l => l!["operation"]!.GetValue<string>() == "pull");
        Assert.Equal(till.DeviceId, fleet["devices"]![0]!["device_id"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.Forbidden, (await cashier.Client.GetAsync("/api/sync/fleet")).StatusCode);
    }
}

public sealed class PullTestsSqlite(SqliteApp app) : PullTests(app);

public sealed class PullTestsPostgres(PostgresApp app) : PullTests(app);
