using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Auth;

/// <summary>A person who signs in: owner, manager, cashier, waiter.</summary>
internal sealed class User : SyncEntity, IBranchScoped
{
    /// <summary>Unique per tenant, compared case-insensitively (stored lower case).</summary>
    public required string Username { get; set; }
    public string? Email { get; set; }
    public required string FullName { get; set; }

    [NotAudited, NotSynced]
    public required string PasswordHash { get; set; }

    /// <summary>bcrypt hash of the optional numeric PIN for quick cashier switch on a terminal.</summary>
    [NotAudited]
    public string? PinHash { get; set; }
    public Guid RoleId { get; set; }

    /// <summary>When set, the user works in this branch only.</summary>
    public Guid? BranchId { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Platform super-admin (only in the platform tenant): manages licences of every tenant.</summary>
    public bool IsSuperAdmin { get; set; }

    [NotAudited, NotSynced]
    public int FailedLoginCount { get; set; }

    [NotAudited, NotSynced]
    public DateTime? LockoutEndsAt { get; set; }

    [NotAudited, NotSynced]
    public DateTime? LastLoginAt { get; set; }
    public DateTime? PasswordChangedAt { get; set; }

    /// <summary>A branch-scoped user is mirrored only to that branch's terminals (for offline PIN login).</summary>
    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.HasIndex(x => new { x.TenantId, x.Username }).IsUnique().HasFilter("is_deleted = false");
        b.HasOne<Role>().WithMany().HasForeignKey(x => x.RoleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Username).HasMaxLength(64);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.PasswordHash).HasMaxLength(100);
        b.Property(x => x.PinHash).HasMaxLength(100);
    }
}
