using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Pricing;
using Till.Server.Auth;
using Till.Server.Data;

namespace Till.Server.Tenancy;

internal sealed record NewTenant(
    string Code, string Name, string OwnerUsername, string OwnerPassword, string OwnerFullName,
    string BranchCode, string BranchName, string Currency = "USD", string Timezone = "UTC", TaxMode TaxMode = TaxMode.Exclusive,
    bool IsPlatform = false);

internal sealed record ProvisionedTenant(Guid TenantId, Guid OwnerId, Guid BranchId, Guid WarehouseId, IReadOnlyDictionary<string, Guid> RoleIds);

/// <summary>Creates a tenant with its built-in roles, a first branch with its warehouse, and the owner.</summary>
internal sealed class TenantProvisioner(TillDbContext db, TimeProvider clock)
{
    public async Task<ProvisionedTenant> CreateAsync(NewTenant spec, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tenant = new Tenant
        {
            Code = spec.Code.Trim().ToLowerInvariant(),
            Name = spec.Name,
            IsPlatform = spec.IsPlatform,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tenants.Add(tenant);
        db.Tenant.Use(tenant.Id);

        var roles = BuiltInRoles.Definitions.ToDictionary(
            d => d.Key,
            d => new Role { Name = d.Key, IsBuiltIn = true, Permissions = [.. d.Value], Description = $"Built-in {d.Key} role" });
        db.Roles.AddRange(roles.Values);

        var branch = new Branch
        {
            Code = spec.BranchCode,
            Name = spec.BranchName,
            Currency = spec.Currency,
            Timezone = spec.Timezone,
            TaxMode = spec.TaxMode,
        };
        db.Branches.Add(branch);
        var warehouse = BranchesApi.DefaultWarehouseFor(branch);
        db.Warehouses.Add(warehouse);

        var owner = new User
        {
            Username = spec.OwnerUsername.ToLowerInvariant(),
            FullName = spec.OwnerFullName,
            PasswordHash = PasswordHasher.Hash(spec.OwnerPassword),
            RoleId = roles[BuiltInRoles.Owner].Id,
            IsSuperAdmin = spec.IsPlatform,
            PasswordChangedAt = now,
        };
        db.Users.Add(owner);
        db.Tenant.Use(tenant.Id, owner.Id);
        await db.SaveChangesAsync(ct);
        return new ProvisionedTenant(tenant.Id, owner.Id, branch.Id, warehouse.Id, roles.ToDictionary(r => r.Key, r => r.Value.Id));
    }

    public Task<bool> CodeTakenAsync(string code, CancellationToken ct) =>
        db.Tenants.AnyAsync(t => t.Code == code.Trim().ToLowerInvariant(), ct);
}
