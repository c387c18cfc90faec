using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Catalog;

public abstract class ProductCsvTests(TillApp app)
{
    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, bool skipInvalid = false) =>
        client.PostAsync($"/api/products/import{(skipInvalid ? "?skip_invalid=true" : "")}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task Import_ValidFile_CreatesThenUpsertsBySku()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var (ean1, ean2) = (CatalogTestData.NewEan13(), CatalogTestData.NewEan13());
        var first = $"""
            sku,name,price,cost,category,barcodes,track_stock
            TEA-1,Green tea,3.50,1.20,Drinks,{ean1},true
            TEA-2,"Black tea, strong",4,1.5,Drinks,{ean2},yes
            BAG-1,Shopping bag,0.10,0.02,,,false
            """;
        var second = """
            sku,name,price
            TEA-1,Green tea 500ml,3.75
            MUG-1,Mug,7
            """;

        var created = await ImportAsync(client, first);
        var upserted = await ImportAsync(client, second);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(3, (await created.NodeAsync())["created"]!.GetValue<int>());
        var result = await upserted.NodeAsync();
        Assert.Equal(1, result["created"]!.GetValue<int>());
        Assert.Equal(1, result["updated"]!.GetValue<int>());
        var tea = await (await client.GetAsync($"/api/products/barcode/{ean1}")).NodeAsync();
        Assert.Equal("Green tea 500ml", tea["name"]!.GetValue<string>());
        Assert.Equal(3.75m, tea["price"]!.GetValue<decimal>());
        Assert.Equal(1.2m, tea["cost"]!.GetValue<decimal>());
        Assert.NotNull(tea["category_id"]);
        var categories = await (await client.GetAsync("/api/categories")).NodeAsync();
        Assert.Equal(["Drinks"], categories["data"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(4, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));

        var export = await client.GetAsync("/api/products/export");
        var text = await export.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("sku,name,price,cost,tax_rate,unit,category,brand,barcodes,", text);
        Assert.Contains($"TEA-2,\"Black tea, strong\",4,1.5,0,pcs,Drinks,,{ean2},,,true,true", text);
        Assert.Equal(5, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Import_FileWithBadRows_NamesLineAndFieldAndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var good = CatalogTestData.NewEan13();
        var bad = good[..12] + (char)('0' + (good[12] - '0' + 1) % 10);
        var csv = $"""
            sku,name,price,barcodes
            OK-1,Fine,1.00,{good}
            BAD-1,Bad price,abc,
            BAD-2,Bad code,2,{bad}
            OK-1,Again,3,
            """;

        var response = await ImportAsync(client, csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.NodeAsync();
        var errors = body["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["field"]!.GetValue<string>())).ToList();
        Assert.Equal([(3, "price"), (4, "barcodes"), (5, "sku")], errors);
        Assert.Contains("line 2", body["errors"]![2]!["reason"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task Import_BadRowAfterSeveralBatches_RollsBackTheBatchesAlreadyWritten()
    {
        var tenant = await app.CreateTenantAsync();
        var csv = new StringBuilder("sku,name,price\n");
        for (var i = 0; i < 2500; i++) csv.Append($"SKU-{i:D5},Product {i},{i % 100}.25\n");
        csv.Append("SKU-LAST,,1\n");

        var response = await ImportAsync(tenant.Owner.Client, csv.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.NodeAsync())["errors"]![0]!;
        Assert.Equal(2502, error["line"]!.GetValue<int>());
        Assert.Equal("name", error["field"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.AuditLogs.CountAsync(a => a.EntityType == "Product")));
    }

    [Fact]
    public async Task Import_SkipInvalid_WritesTheGoodRowsAndReportsTheBadOnes()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;
        var taken = CatalogTestData.NewEan13();
        await client.CreateProductAsync("OWNER-1", barcodes: [taken]);
        var csv = $"""
            sku,name,price,barcodes
            NEW-1,New,1,
            NEW-2,Steals a code,1,{taken}
            NEW-3,,1,
            """;

        var response = await ImportAsync(client, csv, skipInvalid: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.NodeAsync();
        Assert.Equal(1, body["created"]!.GetValue<int>());
        Assert.Equal(2, body["invalid_rows"]!.GetValue<int>());
        Assert.Contains("OWNER-1", body["errors"]!.AsArray().Single(e => e!["line"]!.GetValue<int>() == 3)!["reason"]!.GetValue<string>());
        Assert.Equal(["NEW-1", "OWNER-1"], await app.WithDbAsync(tenant.Id, db => db.Products.OrderBy(p => p.Sku).Select(p => p.Sku).ToListAsync()));
    }

    [Fact]
    public async Task Import_TakesBodiesBeyondTheDefaultLimit_OtherEndpointsDoNot()
    {
        var tenant = await app.CreateTenantAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var import = endpoints.Single(e => e.RoutePattern.RawText == "/api/products/import");
        var big = new string('x', 5 * 1024 * 1024);

        var tooBig = await tenant.Owner.Client.PostAsync("/api/products", new StringContent($"{{\"sku\":\"{big}\"}}", Encoding.UTF8, "application/json"));

        Assert.True(import.Metadata.GetMetadata<Till.Server.Api.LargeBodyAttribute>()!.MaxBytes >= 100L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task Import_MissingColumnsOrBrokenQuoting_Answers4xxAndWritesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.Owner.Client;

        var noPrice = await ImportAsync(client, "sku,name\nA,B\n");
        var broken = await ImportAsync(client, "sku,name,price\nA,\"unterminated,1\nB,ok,2\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPrice.StatusCode);
        Assert.Contains("price", (await noPrice.NodeAsync())["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.True(broken.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"got {broken.StatusCode}");
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));
    }
}

public sealed class ProductCsvTestsSqlite(SqliteApp app) : ProductCsvTests(app);

public sealed class ProductCsvTestsPostgres(PostgresApp app) : ProductCsvTests(app);
