using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Pricing;
using Till.Server.Auth;
using Till.Server.Tenancy;

namespace Till.Server.Data;

/// <summary>
/// The demo tenants of the README: <c>demo</c> (two branches, owner, manager, two cashiers) and
/// <c>demo2</c> (its own owner), plus the platform super-admin. Every password is <c>till-demo</c>.
/// </summary>
internal sealed partial class DemoData(IServiceProvider services, ILogger<DemoData> logger)
{
    public const string Password = "till-demo";

    public async Task SeedAsync(CancellationToken ct)
    {
        await NewScopeProvisionAsync(new NewTenant("platform", "Till platform", "superadmin", Password, "Platform admin",
            "HQ", "Head office", IsPlatform: true), ct);

        var demo = await NewScopeProvisionAsync(new NewTenant("demo", "Demo Mart", "owner", Password, "Olivia Owner",
            "JKT1", "Jakarta Central", "IDR", "Asia/Jakarta", TaxMode.Inclusive), ct);
        await using (var demoScope = services.CreateAsyncScope())
        {
            var db = demoScope.ServiceProvider.GetRequiredService<TillDbContext>();
            db.Tenant.Use(demo.TenantId, demo.OwnerId);
            var jkt = await db.Branches.FirstAsync(b => b.Id == demo.BranchId, ct);
            jkt.Address = "Jl. Sudirman 1, Jakarta";
            jkt.ReceiptHeader = "Demo Mart Jakarta\nJl. Sudirman 1";
            jkt.ReceiptFooter = "Thank you for shopping!";
            var bdg = new Branch
            {
                Code = "BDG1", Name = "Bandung", Currency = "IDR", Timezone = "Asia/Jakarta", TaxMode = TaxMode.Inclusive,
                Address = "Jl. Braga 10, Bandung", ReceiptHeader = "Demo Mart Bandung", ReceiptFooter = "Thank you!",
            };
            db.Branches.Add(bdg);
            db.Warehouses.Add(BranchesApi.DefaultWarehouseFor(bdg));
            db.Devices.AddRange(
                new Device { BranchId = jkt.Id, Code = "T1", Name = "Jakarta till 1" },
                new Device { BranchId = jkt.Id, Code = "T2", Name = "Jakarta till 2" },
                new Device { BranchId = bdg.Id, Code = "T1", Name = "Bandung till 1" });
            db.Users.AddRange(
                NewUser("manager", "Mira Manager", demo.RoleIds[BuiltInRoles.Manager], jkt.Id, null),
                NewUser("cashier1", "Cahya Cashier", demo.RoleIds[BuiltInRoles.Cashier], jkt.Id, "1111"),
                NewUser("cashier2", "Citra Cashier", demo.RoleIds[BuiltInRoles.Cashier], bdg.Id, "2222"));
            await db.SaveChangesAsync(ct);
            await DemoCatalog.SeedAsync(db, demoScope.ServiceProvider.GetRequiredService<Inventory.StockLedger>(),
                demoScope.ServiceProvider.GetRequiredService<Customers.LoyaltyLedger>(), jkt.Id, bdg.Id, ct);
            await DemoSales.SeedAsync(demoScope.ServiceProvider, db, jkt.Id, ct);
        }

        await NewScopeProvisionAsync(new NewTenant("demo2", "Second Shop", "owner", Password, "Oscar Owner",
            "MAIN", "Main street", "USD", "America/New_York", TaxMode.Exclusive), ct);

        LogSeeded(logger);
    }

    private async Task<ProvisionedTenant> NewScopeProvisionAsync(NewTenant spec, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<TenantProvisioner>(scope.ServiceProvider).CreateAsync(spec, ct);
    }

    private static User NewUser(string username, string name, Guid roleId, Guid branchId, string? pin) => new()
    {
        Username = username,
        FullName = name,
        PasswordHash = PasswordHasher.Hash(Password),
        PinHash = pin is null ? null : PasswordHasher.Hash(pin),
        RoleId = roleId,
        BranchId = branchId,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo tenants 'demo' and 'demo2' and the platform admin")]
    private static partial void LogSeeded(ILogger logger);
}
