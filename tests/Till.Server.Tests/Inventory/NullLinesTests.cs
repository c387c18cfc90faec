using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Inventory;

/// <summary>JSON nulls where a line object belongs get a 400 naming the line, never a 500.</summary>
public abstract class NullLinesTests(TillApp app)
{
    [Theory]
    [InlineData("/api/inventory/transfers", "{\"from_warehouse_id\":\"{W}\",\"to_warehouse_id\":\"{W2}\",\"lines\":[null]}")]
    [InlineData("/api/inventory/counts", "{\"warehouse_id\":\"{W}\",\"lines\":[null]}")]
    [InlineData("/api/purchases", "{\"supplier_id\":\"{W}\",\"warehouse_id\":\"{W}\",\"lines\":[null]}")]
    [InlineData("/api/purchases/returns", "{\"supplier_id\":\"{W}\",\"lines\":[null]}")]
    [InlineData("/api/products", "{\"sku\":\"N-1\",\"name\":\"N\",\"price\":1,\"modifiers\":[null]}")]
    public async Task Post_NullLine_Answers400NamingTheLineAndWritesNothing(string path, string body)
    {
        var tenant = await app.CreateTenantAsync();
        var json = body.Replace("{W}", tenant.WarehouseId.ToString()).Replace("{W2}", Guid.NewGuid().ToString());

        var response = await tenant.Owner.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.NodeAsync())["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key is "lines[0]" or "modifiers[0]");
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Products.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.StockMovements.CountAsync()));
    }
}

public sealed class NullLinesTestsSqlite(SqliteApp app) : NullLinesTests(app);

public sealed class NullLinesTestsPostgres(PostgresApp app) : NullLinesTests(app);
