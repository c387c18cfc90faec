using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Sync;

namespace Till.Server.Tenancy;

/// <summary>A business using Till. Tenants are above the tenant filter: only login and the platform see them.</summary>
internal sealed class Tenant
{
    public Guid Id { get; set; } = RowId.New();

    /// <summary>Short code typed at login (e.g. <c>demo</c>); unique.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The platform tenant holds the super-admins who manage licences for every tenant.</summary>
    public bool IsPlatform { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.HasIndex(t => t.Code).IsUnique();
        b.Property(t => t.Code).HasMaxLength(50);
        b.Property(t => t.Name).HasMaxLength(200);
    }
}
