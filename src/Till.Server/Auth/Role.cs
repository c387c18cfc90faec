using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Auth;

/// <summary>A named set of permissions. Built-in roles are created with the tenant and are read-only.</summary>
internal sealed class Role : SyncEntity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsBuiltIn { get; set; }
    public List<string> Permissions { get; set; } = [];
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b)
    {
        b.HasIndex(x => new { x.TenantId, x.Name }).IsUnique().HasFilter("is_deleted = false");
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Description).HasMaxLength(500);
        // A primitive collection: stored as a JSON array on both providers.
        b.PrimitiveCollection(x => x.Permissions);
    }
}
