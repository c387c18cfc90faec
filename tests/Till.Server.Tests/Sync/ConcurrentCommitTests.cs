using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Data;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Sync;

/// <summary>
/// The pull cursor on PostgreSQL under concurrent writers: a change that commits late must never be
/// skipped. The rule that guarantees it: a change-log row's number is assigned at commit, under a
/// per-tenant lock (Sync/PostgresSyncObjects); the last test numbers rows at insert instead (the
/// rule removed) and shows a pull then loses a change.
/// </summary>
public sealed class ConcurrentCommitTests(PostgresApp app)
{
    [Fact]
    public async Task EightWriters_TenThousandCommits_AReaderPullingThroughout_SeesEveryChangeExactlyOnce()
    {
        const int writers = 8, commitsPerWriter = 1250;
        var tenant = await app.CreateTenantAsync();
        var reader = await tenant.AddDeviceAsync("R1");
        var devices = new List<Guid>();
        for (var i = 0; i < writers; i++) devices.Add((await tenant.AddDeviceAsync($"W{i}")).DeviceId);
        var seen = new ConcurrentBag<(Guid Id, long Version, long Seq)>();
        var cursor = 0L;
        var writing = true;

        var readerTask = Task.Run(async () =>
        {
            while (true)
            {
                var stillWriting = Volatile.Read(ref writing);
                var page = await reader.Client.PullAsync(cursor, limit: 500);
                foreach (var change in page.Changes.Where(c => c.Entity == "device")) seen.Add((change.Id, change.Version, change.Seq));
                cursor = page.NextCursor;
                if (!stillWriting && !page.HasMore) return;
            }
        });

        var writerTasks = devices.Select(id => Task.Run(async () =>
        {
            for (var n = 0; n < commitsPerWriter; n++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
                db.Tenant.Use(tenant.Id, tenant.OwnerId);
                var device = await db.Devices.FirstAsync(d => d.Id == id);
                device.Name = $"commit {n}";
                await db.SaveChangesAsync();
            }
        })).ToList();
        await Task.WhenAll(writerTasks);
        Volatile.Write(ref writing, false);
        await readerTask;

        var expected = await app.WithDbAsync(tenant.Id, db => db.ChangeLog.Where(c => c.EntityType == "device").Select(c => new { c.EntityId, c.Version }).ToListAsync());
        Assert.Equal(writers * commitsPerWriter + writers + 1, expected.Count);
        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(seen.Count, seen.Select(s => (s.Id, s.Version)).Distinct().Count());
        Assert.True(expected.Select(e => (e.EntityId, e.Version)).ToHashSet().SetEquals(seen.Select(s => (s.Id, s.Version))));
        foreach (var id in devices)
            Assert.Equal(Enumerable.Range(1, commitsPerWriter + 1).Select(v => (long)v), seen.Where(s => s.Id == id).Select(s => s.Version).Order());
    }

    [Fact]
    public async Task ALateCommit_IsNumberedWhenItCommits_SoAPullNeverSkipsIt_AndHoldsNobodyBack()
    {
        var tenant = await app.CreateTenantAsync();
        var reader = await tenant.AddDeviceAsync("R1");
        var first = (await tenant.AddDeviceAsync("A1")).DeviceId;
        var second = (await tenant.AddDeviceAsync("A2")).DeviceId;
        var (_, cursor) = await reader.Client.PullAllAsync();

        var (seenBeforeLateCommit, caughtUp) = await LateCommitAsync(app, tenant, reader, first, second, cursor);

        // The open transaction did not hold the other writer back, and its change came after, exactly once.
        Assert.Contains(seenBeforeLateCommit, c => c.Id == second && c.Data.Str("name") == "early");
        Assert.DoesNotContain(seenBeforeLateCommit, c => c.Id == first && c.Data.Str("name") == "late");
        Assert.Single(caughtUp, c => c.Id == first && c.Data.Str("name") == "late");
        Assert.DoesNotContain(caughtUp, c => c.Id == second);
    }

    [Fact]
    public async Task NumberedAtInsert_APullSkipsALateCommit()
    {
        // A database of its own whose rows are numbered when inserted, not at commit: the rule removed.
        await using var unsafeApp = new PostgresApp();
        await unsafeApp.InitializeAsync();
        await using (var scope = unsafeApp.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TillDbContext>().Database.ExecuteSqlRawAsync("""
                DROP TRIGGER change_log_publish ON change_log;
                CREATE OR REPLACE FUNCTION till_change_log_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.seq := nextval(pg_get_serial_sequence('change_log', 'seq'));
                  RETURN NEW;
                END $$;
                """);
        }

        var tenant = await unsafeApp.CreateTenantAsync();
        var reader = await tenant.AddDeviceAsync("R1");
        var first = (await tenant.AddDeviceAsync("A1")).DeviceId;
        var second = (await tenant.AddDeviceAsync("A2")).DeviceId;
        var (_, cursor) = await reader.Client.PullAllAsync();

        var (seenBeforeLateCommit, caughtUp) = await LateCommitAsync(unsafeApp, tenant, reader, first, second, cursor);

        // The later transaction committed first with a higher number; the reader moved past the late one's number.
        Assert.Contains(seenBeforeLateCommit, c => c.Id == second);
        Assert.DoesNotContain(caughtUp, c => c.Id == first && c.Data.Str("name") == "late");
    }

    /// <summary>
    /// Transaction 1 writes a change and stays open; transaction 2 then writes and tries to
    /// commit; the reader pulls; transaction 1 commits; the reader pulls again from its cursor.
    /// </summary>
    private static async Task<(List<Till.Core.Sync.ChangeRecord> BeforeLateCommit, List<Till.Core.Sync.ChangeRecord> AfterIt)> LateCommitAsync(
        TillApp app, TestTenant tenant, DeviceSession reader, Guid first, Guid second, long cursor)
    {
        await using var lateScope = app.Services.CreateAsyncScope();
        var late = lateScope.ServiceProvider.GetRequiredService<TillDbContext>();
        late.Tenant.Use(tenant.Id, tenant.OwnerId);
        await using var transaction = await late.Database.BeginTransactionAsync();
        (await late.Devices.FirstAsync(d => d.Id == first)).Name = "late";
        await late.SaveChangesAsync();

        var early = Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
            db.Tenant.Use(tenant.Id, tenant.OwnerId);
            (await db.Devices.FirstAsync(d => d.Id == second)).Name = "early";
            await db.SaveChangesAsync();
        });
        await Task.WhenAny(early, Task.Delay(1000));

        var before = await reader.Client.PullAllAsync(cursor);
        await transaction.CommitAsync();
        await early;
        var after = await reader.Client.PullAllAsync(before.Cursor);
        return (before.Changes, after.Changes);
    }
}
