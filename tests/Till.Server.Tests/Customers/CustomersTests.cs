using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Customers;

public abstract class CustomersTests(TillApp app)
{
    private static async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/customers", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Customers_CrudAndSearchByNamePhoneEmailOrCode_Work()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var budi = await CreateAsync(client, new { code = "C001", name = "Budi Santoso", phone = "+62 812 1111", email = "budi@example.com", birthday = "1990-04-01" });
        await CreateAsync(client, new { name = "Sari Dewi", phone = "0813 2222", address = "Jl. Braga 5" });

        async Task<string[]> SearchAsync(string term) => [.. (await (await client.GetAsync($"/api/customers?search={Uri.EscapeDataString(term)}")).NodeAsync())["data"]!
            .AsArray().Select(c => c!["name"]!.GetValue<string>())];

        Assert.Equal(["Budi Santoso"], await SearchAsync("budi"));
        Assert.Equal(["Sari Dewi"], await SearchAsync("2222"));
        Assert.Equal(["Budi Santoso"], await SearchAsync("EXAMPLE.com"));
        Assert.Equal(["Budi Santoso"], await SearchAsync("c001"));
        var all = await (await client.GetAsync("/api/customers?per_page=1&sort=name")).NodeAsync();
        Assert.Equal(2, all["meta"]!["total"]!.GetValue<int>());
        Assert.StartsWith("C-", (await (await client.GetAsync("/api/customers?search=sari")).NodeAsync())["data"]![0]!["code"]!.GetValue<string>());

        var duplicate = await client.PostAsJsonAsync("/api/customers", new { code = "C001", name = "Other" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var bad = await client.PostAsJsonAsync("/api/customers", new { name = "", email = "not-an-email" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.NodeAsync())["errors"]!;
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["email"]);

        var update = await client.PutAsJsonAsync($"/api/customers/{budi}", new { name = "Budi S.", phone = "+62 812 1111", birthday = "1990-04-02" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await update.NodeAsync();
        Assert.Equal("C001", updated["code"]!.GetValue<string>());
        Assert.Equal("1990-04-02", updated["birthday"]!.GetValue<string>());
        Assert.Equal(0, updated["visits"]!.GetValue<int>());
        Assert.Equal(0m, updated["total_purchases"]!.GetValue<decimal>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/customers/{budi}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{budi}")).StatusCode);
    }

    [Fact]
    public async Task Loyalty_EarnRedeemAdjust_BalanceIsTheSumAndOverRedeemIs422()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var id = await CreateAsync(client, new { name = "Loyal Lina" });

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/customers/{id}/loyalty", new { type = "earn", points = 120 })).StatusCode);
        var redeem = await client.PostAsJsonAsync($"/api/customers/{id}/loyalty", new { type = "redeem", points = 50 });
        var adjust = await client.PostAsJsonAsync($"/api/customers/{id}/loyalty", new { type = "adjust", points = -20, notes = "correction" });
        var tooMuch = await client.PostAsJsonAsync($"/api/customers/{id}/loyalty", new { type = "redeem", points = 51 });

        Assert.Equal(-50m, (await redeem.NodeAsync())["entry"]!["points"]!.GetValue<decimal>());
        Assert.Equal(50m, (await adjust.NodeAsync())["balance"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        var customer = await (await client.GetAsync($"/api/customers/{id}")).NodeAsync();
        Assert.Equal(50m, customer["loyalty_balance"]!.GetValue<decimal>());
        var entries = await (await client.GetAsync($"/api/customers/{id}/loyalty")).NodeAsync();
        Assert.Equal(3, entries["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(50m, await app.WithDbAsync(tenant.Id, async db => (await db.LoyaltyEntries.Where(e => e.CustomerId == id).Select(e => e.Points).ToListAsync()).Sum()));
    }

    [Fact]
    public async Task Loyalty_ConcurrentRedemptions_NeverSpendMoreThanTheBalance()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var id = await CreateAsync(client, new { name = "Busy Budi" });
        await client.PostAsJsonAsync($"/api/customers/{id}/loyalty", new { type = "earn", points = 100 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync($"/api/customers/{id}/loyalty", new { type = "redeem", points = 20 })));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(0m, (await (await client.GetAsync($"/api/customers/{id}")).NodeAsync())["loyalty_balance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AnotherTenantsCustomer_Answers404()
    {
        var owner = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();
        var id = await CreateAsync(owner.Owner.Client, new { code = "VIP", name = "Private Person" });
        var client = stranger.Owner.Client;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/customers/{id}", new { name = "Hijack" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{id}/loyalty")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/customers/{id}/loyalty", new { type = "earn", points = 5 })).StatusCode);
        Assert.Equal(0, (await (await client.GetAsync("/api/customers?search=private")).NodeAsync())["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(0, await app.WithDbAsync(owner.Id, db => db.LoyaltyEntries.CountAsync()));
    }
}

public sealed class CustomersTestsSqlite(SqliteApp app) : CustomersTests(app);

public sealed class CustomersTestsPostgres(PostgresApp app) : CustomersTests(app);
