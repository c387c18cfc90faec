using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Till.Server.Orders;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Orders;

/// <summary>
/// Online sales on PostgreSQL go through the tenant's group commit (<see cref="SaleCombiner"/>): sales that
/// arrive while another is being written are written together, in one transaction, by one of them.
/// </summary>
public sealed class SaleCombinerTests(PostgresApp app)
{
    [Fact]
    public async Task SalesQueuedBehindAWaitingSale_AreWrittenTogether_EachWithItsOwnNumberBalanceAuditAndChangeLog()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 2m);
        var tills = await app.LicensedTillsAsync(tenant, 4);
        await tenant.AddUserAsync("cashier1", "cashier");
        // Two tills signed in as the owner, two as a cashier: every sale must be audited as its own seller's.
        var sellers = new List<(HttpClient Client, Guid UserId, Guid DeviceId)>();
        for (var i = 0; i < 4; i++)
        {
            var session = i < 2 ? tills[i].Session : await tenant.LoginAsync("cashier1", deviceId: tills[i].DeviceId);
            sellers.Add((session.Client, session.UserId, tills[i].DeviceId));
        }
        // The bread's level exists after a first sale; the test then holds it from another connection.
        Assert.Equal(HttpStatusCode.Created, (await sellers[0].Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 2m)])).StatusCode);
        var combiner = app.Services.GetRequiredService<SaleCombiner>();

        // The first two sales take the tenant's two writers and wait on the held level; the next fourteen queue behind them.
        var (responses, queuedBatches) = await QueueBehindHeldLevelAsync(tenant.Id, bread,
            [.. new[] { sellers[1], sellers[2] }.Select(s => (Func<Task<HttpResponseMessage>>)(() => s.Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 2m)])))],
            [.. Enumerable.Range(0, 14).Select(i => (Func<Task<HttpResponseMessage>>)(() => sellers[i % 4].Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 2m)], [OrderTestData.Pay("CASH", 4m)])))]);
        Assert.Equal(0, combiner.Queued(tenant.Id));
        // The fourteen queued sales went in two batches (at most eight each), not one by one.
        Assert.Equal(2, queuedBatches);
        var orders = new List<(Guid Id, string Number, int Seller)>();
        for (var i = 0; i < responses.Length; i++)
        {
            var body = await responses[i].NodeAsync();
            orders.Add((body["id"]!.GetValue<Guid>(), body["number"]!.GetValue<string>(), i < 2 ? i + 1 : (i - 2) % 4));
        }

        // Numbers: each till's series without gaps or repeats (till 2 sold one of the first two sales and four more, till 4 three).
        Assert.Equal(16, orders.Select(o => o.Number).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"B1-T2-{n:D6}"), orders.Where(o => o.Seller == 1).Select(o => o.Number).Order());
        Assert.Equal(Enumerable.Range(1, 4).Select(n => $"B1-T3-{n:D6}"), orders.Where(o => o.Seller == 2).Select(o => o.Number).Order());
        Assert.Equal(Enumerable.Range(1, 3).Select(n => $"B1-T4-{n:D6}"), orders.Where(o => o.Seller == 3).Select(o => o.Number).Order());

        await app.WithDbAsync(tenant.Id, async db =>
        {
            // Stock: the level is exact and the movements' balances walk down from it one sale at a time.
            Assert.Equal(-31m, await db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync());
            var movements = await db.StockMovements.Where(m => m.ProductId == bread).ToListAsync();
            Assert.Equal(17, movements.Count);
            Assert.Equal(-31m, movements.Min(m => m.BalanceAfter));
            Assert.Equal(movements.Count, movements.Select(m => m.BalanceAfter).Distinct().Count());
            foreach (var (id, number, seller) in orders)
            {
                var movement = movements.Single(m => m.ReferenceId == id);
                Assert.Equal(number, movement.Notes);
                Assert.Equal(sellers[seller].UserId, movement.UserId);
                // The audit entry of each sale names its own seller and till, not the sale that wrote the batch.
                var audit = await db.AuditLogs.SingleAsync(a => a.EntityType == "Order" && a.EntityId == id.ToString());
                Assert.Equal((sellers[seller].UserId, sellers[seller].DeviceId), (audit.UserId, audit.DeviceId));
                Assert.Equal(1, await db.ChangeLog.CountAsync(c => c.EntityType == "order" && c.EntityId == id));
            }
            // The level's change-log rows come in version order, the last one at the final quantity.
            var levels = await db.ChangeLog.Where(c => c.EntityType == "stock_level").OrderBy(c => c.Seq).Select(c => c.Version).ToListAsync();
            Assert.Equal(levels.Order(), levels);
            return true;
        });
    }

    [Fact]
    public async Task SeventySalesQueued_AreWrittenInBatchesOfAtMostEight_AndEveryOneIsBooked()
    {
        var tenant = await app.CreateTenantAsync();
        var bread = await tenant.Owner.Client.ProductAsync("BREAD", 1m);
        var tills = await app.LicensedTillsAsync(tenant, 2);
        Assert.Equal(HttpStatusCode.Created, (await tills[0].Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 1m)])).StatusCode);

        var (responses, queuedBatches) = await QueueBehindHeldLevelAsync(tenant.Id, bread,
            [.. tills.Select(t => (Func<Task<HttpResponseMessage>>)(() => t.Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 1m)])))],
            [.. Enumerable.Range(0, 70).Select(i => (Func<Task<HttpResponseMessage>>)(() => tills[i % 2].Client.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(bread, 1m)], [OrderTestData.Pay("CASH", 1m)])))]);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        // The queued seventy, eight at a time (the last six).
        Assert.Equal(9, queuedBatches);
        Assert.Equal(-73m, await app.WithDbAsync(tenant.Id, db => db.StockLevels.Where(l => l.ProductId == bread).Select(l => l.Quantity).SingleAsync()));
        Assert.Equal(73, await app.WithDbAsync(tenant.Id, db => db.Orders.CountAsync()));
    }

    /// <summary>
    /// Holds <paramref name="productId"/>'s level, sends <paramref name="first"/> (one sale per writer) and waits until
    /// they all wait on it, then sends <paramref name="queued"/> and waits until every one of them is queued; then lets
    /// the level go. Returns every answer (the first sales' first) and how many batches the queued sales went in.
    /// </summary>
    private async Task<(HttpResponseMessage[] Responses, long QueuedBatches)> QueueBehindHeldLevelAsync(Guid tenantId, Guid productId,
        IReadOnlyList<Func<Task<HttpResponseMessage>>> first, IReadOnlyList<Func<Task<HttpResponseMessage>>> queued)
    {
        Assert.Equal(SaleCombiner.Writers, first.Count);
        var combiner = app.Services.GetRequiredService<SaleCombiner>();
        await using var blocker = await HoldLevelAsync(productId);
        var sent = first.Select(send => send()).ToList();
        await WaitUntilAsync(async () => await LockWaitersAsync(blocker) == first.Count);
        var before = combiner.Batches(tenantId);
        sent.AddRange(queued.Select(send => send()));
        await WaitUntilAsync(() => Task.FromResult(combiner.Queued(tenantId) == queued.Count));
        await blocker.DisposeAsync();
        var responses = await Task.WhenAll(sent);
        return (responses, combiner.Batches(tenantId) - before);
    }

    /// <summary>A connection holding <paramref name="productId"/>'s level row (in an open transaction) until it is disposed.</summary>
    private async Task<NpgsqlConnection> HoldLevelAsync(Guid productId)
    {
        var blocker = new NpgsqlConnection(app.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using var lockLevel = new NpgsqlCommand("SELECT 1 FROM stock_levels WHERE product_id = @p FOR UPDATE", blocker, hold) { Parameters = { new("p", productId) } };
        await lockLevel.ExecuteScalarAsync();
        return blocker;
    }

    private static async Task<long> LockWaitersAsync(NpgsqlConnection connection)
    {
        // Only the sessions this connection blocks, directly or behind another waiter (the second sale waiting for a
        // row queues behind the first): other tests share the database and may wait on locks of their own.
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE blocked(pid) AS (
                SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))
                UNION
                SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY(pg_blocking_pids(a.pid)))
            SELECT count(*) FROM blocked
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The sales did not get where the test waits for them.");
            await Task.Delay(20);
        }
    }
}
