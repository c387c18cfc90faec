using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Api;

/// <summary>A POST seen with an <c>Idempotency-Key</c> and the answer it got, so a retry gets the same answer.</summary>
[NotAudited]
internal sealed class IdempotentRequest : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Key { get; set; }

    /// <summary>Method and path, so one key cannot be replayed on another endpoint.</summary>
    public required string Endpoint { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? Response { get; set; }
    public string? Location { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.ToTable("idempotent_requests");
        b.HasKey(x => new { x.TenantId, x.Key });
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Endpoint).HasMaxLength(200);
        b.HasIndex(x => x.CreatedAt);
    }
}
