using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Tenancy;

public abstract class TenancyTests(TillApp app)
{
    [Fact]
    public async Task CreatingABranch_AlsoCreatesItsDefaultWarehouse()
    {
        var tenant = await app.CreateTenantAsync();

        var created = await tenant.Owner.Client.PostAsJsonAsync("/api/branches", new
        {
            code = "JKT2", name = "Jakarta 2", timezone = "Asia/Jakarta", currency = "IDR", tax_mode = "inclusive",
            receipt_header = "Toko Jakarta", receipt_footer = "Terima kasih",
        });
        var branch = await created.NodeAsync();
        var warehouses = await (await tenant.Owner.Client.GetAsync($"/api/warehouses?branch_id={branch["id"]}")).NodeAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("IDR", branch["currency"]!.GetValue<string>());
        Assert.Equal("inclusive", branch["tax_mode"]!.GetValue<string>());
        Assert.Equal("Terima kasih", branch["receipt_footer"]!.GetValue<string>());
        var warehouse = Assert.Single(warehouses.AsArray())!;
        Assert.True(warehouse["is_default"]!.GetValue<bool>());
        Assert.Equal("JKT2-MAIN", warehouse["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task BranchValidation_RefusesUnknownTimezoneAndCurrency_AndDuplicateCodes()
    {
        var tenant = await app.CreateTenantAsync();

        var bad = await tenant.Owner.Client.PostAsJsonAsync("/api/branches", new { code = "X1", name = "X", timezone = "Mars/Olympus", currency = "ZZZ", tax_mode = "exclusive" });
        var duplicate = await tenant.Owner.Client.PostAsJsonAsync("/api/branches", new { code = "B1", name = "Again", timezone = "UTC", currency = "USD", tax_mode = "exclusive" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.NodeAsync())["errors"]!;
        Assert.NotNull(errors["timezone"]);
        Assert.NotNull(errors["currency"]);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Devices_AreUniquePerBranchCode_AndManagedOnlyWithThePermission()
    {
        var tenant = await app.CreateTenantAsync();
        var cashier = await tenant.AddUserAsync("c1", "cashier");

        var first = await tenant.Owner.Client.PostAsJsonAsync("/api/devices", new { branch_id = tenant.BranchId, code = "T1", name = "Till 1" });
        var again = await tenant.Owner.Client.PostAsJsonAsync("/api/devices", new { branch_id = tenant.BranchId, code = "T1", name = "Till 1 again" });
        var byCashier = await cashier.Client.PostAsJsonAsync("/api/devices", new { branch_id = tenant.BranchId, code = "T9", name = "Rogue" });
        var list = await (await tenant.Owner.Client.GetAsync($"/api/devices?branch_id={tenant.BranchId}")).NodeAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCashier.StatusCode);
        Assert.Equal(1, list["meta"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeletingABranchWithDevices_IsRefused()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.Owner.Client.PostAsJsonAsync("/api/devices", new { branch_id = tenant.BranchId, code = "T1", name = "Till 1" });

        var response = await tenant.Owner.Client.DeleteAsync($"/api/branches/{tenant.BranchId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithADevice_PutsTheDeviceIntoTheAuditTrail()
    {
        var tenant = await app.CreateTenantAsync();
        var device = (await (await tenant.Owner.Client.PostAsJsonAsync("/api/devices", new { branch_id = tenant.BranchId, code = "T1", name = "Till 1" })).NodeAsync())["id"]!.GetValue<Guid>();
        var session = await tenant.LoginAsync("owner", deviceId: device);

        await session.Client.PutAsJsonAsync("/api/tenant", new { name = "Renamed from the till" });
        var entries = await (await tenant.Owner.Client.GetAsync($"/api/audit-logs?device_id={device}")).NodeAsync();

        Assert.True(entries["meta"]!["total"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task APooledContext_RentedByALaterScope_HasThatScopesTenant_AndNothingLeftFromTheLast()
    {
        // Contexts are pooled: the one a scope returns is handed to a later scope. It must filter by the
        // later scope's tenant and carry nothing of the earlier unit of work.
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        Data.TillDbContext used;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            used = scope.ServiceProvider.GetRequiredService<Data.TillDbContext>();
            used.Tenant.Use(first.Id, first.OwnerId);
            var branch = await used.Branches.SingleAsync();
            Assert.Equal(first.BranchId, branch.Id);
            branch.Name = "changed, never saved";
            used.DeferredChangeLog = [];
            used.ChangeLogBatch = Guid.NewGuid();
            used.Raise(new Till.Server.Sync.ChangesCommitted(first.Id, []));
        }

        // Rent until the same instance comes back (the pool hands out what it holds in turn).
        for (var rent = 0; ; rent++)
        {
            Assert.True(rent < 5000, "The pooled context never came back.");
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.TillDbContext>();
            if (!ReferenceEquals(db, used)) continue;
            Assert.Null(db.Tenant.TenantId);
            Assert.Empty(await db.Branches.ToListAsync());
            Assert.False(db.ChangeTracker.HasChanges());
            Assert.Null(db.DeferredChangeLog);
            Assert.Null(db.ChangeLogBatch);
            Assert.Empty(db.TakeEvents());
            db.Tenant.Use(second.Id, second.OwnerId);
            Assert.Equal(second.BranchId, (await db.Branches.SingleAsync()).Id);
            return;
        }
    }
}

public sealed class TenancyTestsSqlite(SqliteApp app) : TenancyTests(app);

public sealed class TenancyTestsPostgres(PostgresApp app) : TenancyTests(app);
