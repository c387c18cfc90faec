using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Data;
using Till.Server.Orders;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Orders;

/// <summary>
/// Two server nodes on one PostgreSQL database: checkout reference data a node keeps (payment
/// methods, promotions, settings, products and prices) is cleared there when another node commits a change to it.
/// </summary>
public sealed class ReferenceCacheNodesTests(PostgresApp app)
{
    [Fact]
    public async Task ABranchThatStopsTakingCardsOnOneNode_RefusesCardsOnTheOtherNodeAtOnce()
    {
        await using var other = await ListeningSecondNodeAsync();
        var cache = other.Services.GetRequiredService<SaleReferenceCache>();

        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var tea = await client.ProductAsync("TEA", 10m);
        var created = await client.PostAsJsonAsync("/api/payment-methods", new { code = "CASH", name = "Cash", kind = "cash" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cash = (await created.NodeAsync())["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/payment-methods", new { code = "CARD", name = "Card", kind = "card" })).StatusCode);

        // The second node sells by card: it now keeps the branch's methods (for ten minutes while it listens).
        var onOther = other.WithToken(tenant.Owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, (await onOther.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CARD", 10m)])).StatusCode);

        // The first node takes cards off the branch.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/payment-methods/branches/{tenant.BranchId}", new { payment_method_ids = new[] { cash } })).StatusCode);

        // The second node hears of it (NOTIFY is delivered after the commit, within milliseconds) and refuses the card.
        HttpStatusCode status;
        var deadline = DateTime.UtcNow.AddSeconds(1.5);
        do
        {
            status = (await onOther.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CARD", 10m)])).StatusCode;
        }
        while (status == HttpStatusCode.Created && DateTime.UtcNow < deadline && await Pause());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(cache.OtherNodesReported);
        Assert.Equal(HttpStatusCode.Created, (await onOther.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 10m)])).StatusCode);
    }

    [Fact]
    public async Task APriceChangedOnOneNode_IsChargedOnTheOtherNodeAtOnce()
    {
        await using var other = await ListeningSecondNodeAsync();
        var cache = other.Services.GetRequiredService<SaleReferenceCache>();

        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var tea = await client.ProductAsync("TEA", 10m);

        // The second node sells tea at 10: it now keeps the product (for ten minutes while it listens).
        var onOther = other.WithToken(tenant.Owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, (await onOther.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 10m)])).StatusCode);

        // The first node raises the price; the second hears of it within milliseconds and charges 12.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/products/{tea}", new { sku = "TEA", name = "Tea", price = 12m, version = 1 })).StatusCode);
        decimal charged;
        var deadline = DateTime.UtcNow.AddSeconds(1.5);
        do
        {
            var sale = await onOther.CheckoutAsync(tenant.BranchId, [OrderTestData.Line(tea, 1m)], [OrderTestData.Pay("CASH", 20m)]);
            Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
            charged = (await sale.NodeAsync()).Dec("grand_total");
        }
        while (charged == 10m && DateTime.UtcNow < deadline && await Pause());
        Assert.Equal(12m, charged);
        Assert.True(cache.OtherNodesReported);
    }

    /// <summary>A second node, once it listens for the first one's changes.</summary>
    private async Task<SecondNode> ListeningSecondNodeAsync()
    {
        var other = new SecondNode(app);
        try
        {
            await other.InitializeAsync();
            var cache = other.Services.GetRequiredService<SaleReferenceCache>();
            for (var waited = 0; !cache.OtherNodesReported && waited < 10_000; waited += 50) await Task.Delay(50);
            Assert.True(cache.OtherNodesReported, "The second node never started listening for other nodes' changes.");
            return other;
        }
        catch
        {
            await other.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(50);
        return true;
    }

    /// <summary>Another server node in this process, on the first one's database.</summary>
    private sealed class SecondNode(PostgresApp first) : TillApp
    {
        internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

        protected internal override string ConnectionString => first.ConnectionString;
    }
}
