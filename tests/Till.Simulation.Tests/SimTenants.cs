using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Core.Identity;
using Till.Core.Pricing;
using Till.Server.Auth;
using Till.Server.Data;
using Till.Server.Tenancy;
using Till.Server.Tests.Infrastructure;

namespace Till.Simulation.Tests;

/// <summary>
/// A fresh tenant per seed, made with the same rows as <see cref="TenantProvisioner"/> (built-in roles, a
/// branch with its default warehouse, an owner) and the owner's token issued directly. The provisioner
/// and a sign-in each cost one bcrypt round (work factor 11), which made up a third of a seed; the
/// simulation never signs the owner in by password, so the owner's hash is computed once per process.
/// Provisioning and sign-in themselves are covered by the server tests.
/// </summary>
internal static class SimTenants
{
    private static readonly Lazy<string> OwnerHash = new(() => PasswordHasher.Hash(TestTenant.Password));
    private static int _counter;

    public static async Task<TestTenant> CreateAsync(TillApp app)
    {
        var code = $"s{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}"[..30];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var tenant = new Tenant { Code = code, Name = $"Tenant {code}", CreatedAt = now, UpdatedAt = now };
        db.Tenants.Add(tenant);
        db.Tenant.Use(tenant.Id);
        var roles = BuiltInRoles.Definitions.ToDictionary(
            d => d.Key,
            d => new Role { Name = d.Key, IsBuiltIn = true, Permissions = [.. d.Value], Description = $"Built-in {d.Key} role" });
        db.Roles.AddRange(roles.Values);
        var branch = new Branch { Code = "B1", Name = "Branch one", Currency = "USD", Timezone = "UTC", TaxMode = TaxMode.Exclusive };
        db.Branches.Add(branch);
        var warehouse = BranchesApi.DefaultWarehouseFor(branch);
        db.Warehouses.Add(warehouse);
        var owner = new User
        {
            Username = "owner",
            FullName = "Test Owner",
            PasswordHash = OwnerHash.Value,
            RoleId = roles[BuiltInRoles.Owner].Id,
            PasswordChangedAt = now,
        };
        db.Users.Add(owner);
        db.Tenant.Use(tenant.Id, owner.Id);
        await db.SaveChangesAsync();

        var created = new ProvisionedTenant(tenant.Id, owner.Id, branch.Id, warehouse.Id, roles.ToDictionary(r => r.Key, r => r.Value.Id));
        var token = scope.ServiceProvider.GetRequiredService<TokenService>().CreateAccessToken(owner, roles[BuiltInRoles.Owner], null).Token;
        return new TestTenant(app, code, created) { Owner = new Session(app.WithToken(token), token, "", owner.Id) };
    }
}
