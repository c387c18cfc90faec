using System.Net;
using Till.Core.Sync;
using Till.Server.Tests.Infrastructure;
using static Till.Server.Tests.Sync.SyncClient;

namespace Till.Server.Tests.Sync;

/// <summary>Numbering, idempotency and isolation of mutations, independent of any one kind.</summary>
public abstract class PushFrameworkTests(TillApp app)
{
    [Fact]
    public async Task UnknownKind_IsRejectedByItself_AndTheNumberIsUsed()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");

        var first = await till.Client.PushAsync([Mutation(1, "teleport.customer", new { })]);
        var again = await till.Client.PushAsync([Mutation(1, "teleport.customer", new { })]);

        Assert.Equal(MutationStatus.Rejected, Assert.Single(first.Results).Status);
        Assert.Contains("Unknown mutation kind", first.Results[0].Reason);
        Assert.Equal(1, first.LastAppliedSeq);
        Assert.Equal(MutationStatus.Duplicate, Assert.Single(again.Results).Status);
        Assert.Equal(first.Results[0].Reason, again.Results[0].Reason);
    }

    [Fact]
    public async Task AGap_IsRefused_AndNothingAfterItApplies()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");

        var response = await till.Client.PushAsync([Mutation(2, "x.y", new { }), Mutation(3, "x.y", new { })]);

        Assert.All(response.Results, r => Assert.Equal(MutationStatus.Gap, r.Status));
        Assert.Equal(0, response.LastAppliedSeq);
    }

    [Fact]
    public async Task MalformedBatch_Returns400_NamingTheMutation()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");

        var zero = await till.Client.PushRawAsync([Mutation(0, "x.y", new { })]);
        var twice = await till.Client.PushRawAsync([Mutation(1, "x.y", new { }), Mutation(1, "x.y", new { })]);

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.NotNull((await zero.NodeAsync())["errors"]!["mutations[0].seq"]);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task Push_RecordsTheReportedQueueLength_AndASyncLog()
    {
        var tenant = await app.CreateTenantAsync();
        var till = await tenant.AddDeviceAsync("T1");

        await till.Client.PushAsync([Mutation(1, "x.y", new { })], queueLength: 42);
        var status = await (await till.Client.GetAsync("/api/sync/status")).NodeAsync();

        Assert.Equal(42, status["reported_queue_length"]!.GetValue<int>());
        var log = status["recent_logs"]!.AsArray().First(l => l!["operation"]!.GetValue<string>() == "push")!;
        Assert.Equal(1, log["received"]!.GetValue<int>());
        Assert.Equal(1, log["rejected"]!.GetValue<int>());
    }

    [Fact]
    public async Task OneDevicesNumbers_DoNotAffectAnother()
    {
        var tenant = await app.CreateTenantAsync();
        var t1 = await tenant.AddDeviceAsync("T1");
        var t2 = await tenant.AddDeviceAsync("T2");

        await t1.Client.PushAsync([Mutation(1, "x.y", new { }), Mutation(2, "x.y", new { })]);
        var second = await t2.Client.PushAsync([Mutation(1, "x.y", new { })]);

        Assert.Equal(MutationStatus.Rejected, second.Results[0].Status);
        Assert.Equal(1, second.LastAppliedSeq);
    }
}

public sealed class PushFrameworkTestsSqlite(SqliteApp app) : PushFrameworkTests(app);

public sealed class PushFrameworkTestsPostgres(PostgresApp app) : PushFrameworkTests(app);
