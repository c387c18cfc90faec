using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Receipts;
using Till.Server.Data;

namespace Till.Server.Orders;

/// <summary>The last order number handed out in one device's series (server bookkeeping, not synced).</summary>
[NotAudited]
internal sealed class OrderNumberSeries : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary><c>BRANCH-DEVICE</c>, the number without its sequence.</summary>
    public required string Prefix { get; set; }
    public long LastSequence { get; set; }
}

internal sealed class OrderNumberSeriesConfiguration : IEntityTypeConfiguration<OrderNumberSeries>
{
    public void Configure(EntityTypeBuilder<OrderNumberSeries> b)
    {
        b.ToTable("order_number_series");
        b.HasKey(x => new { x.TenantId, x.Prefix });
        b.Property(x => x.Prefix).HasMaxLength(41);
    }
}

/// <summary>
/// Hands out order numbers. The counter row is bumped with one upsert in the caller's transaction,
/// so concurrent checkouts of one device queue on its row lock and each gets its own number; a
/// number brought by an offline sale only ever raises the counter.
/// </summary>
internal static class OrderNumbers
{
    /// <summary>Series code for online checkouts made without a device (e.g. the back office).</summary>
    public const string NoDeviceCode = "WEB";

    public static async Task<ReceiptNumber> NextAsync(TillDbContext db, string branchCode, string deviceCode, CancellationToken ct)
    {
        var next = Next(db, branchCode, deviceCode);
        await next.Statement.ExecuteAsync(db, ct);
        return next.Taken!.Value;
    }

    /// <summary>
    /// The device's next number, taken when its statement runs: alone (<see cref="NextAsync"/>) or
    /// with other work in one round trip (a checkout sends it with its stock upsert).
    /// </summary>
    public static PendingNumber Next(TillDbContext db, string branchCode, string deviceCode) => new(new ScalarStatement("""
        INSERT INTO order_number_series (tenant_id, prefix, last_sequence) VALUES (@s0, @s1, 1)
        ON CONFLICT (tenant_id, prefix) DO UPDATE SET last_sequence = order_number_series.last_sequence + 1
        RETURNING last_sequence
        """, db.Tenant.RequiredTenantId, $"{branchCode}-{deviceCode}"), branchCode, deviceCode);

    internal sealed record PendingNumber(ScalarStatement Statement, string BranchCode, string DeviceCode)
    {
        /// <summary>The series it is taken from (one per till).</summary>
        public string Prefix => $"{BranchCode}-{DeviceCode}";

        /// <summary>The number, once the statement has run.</summary>
        public ReceiptNumber? Taken => Statement.Value is { } sequence ? new ReceiptNumber(BranchCode, DeviceCode, sequence) : null;
    }

    /// <summary>Raises the device's counter to at least <paramref name="number"/> (offline sales bring their own).</summary>
    public static async Task ObserveAsync(TillDbContext db, ReceiptNumber number, CancellationToken ct)
    {
        var prefix = $"{number.BranchCode}-{number.DeviceCode}";
        var tenantId = db.Tenant.RequiredTenantId;
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO order_number_series (tenant_id, prefix, last_sequence) VALUES ({tenantId}, {prefix}, {number.Sequence})
                ON CONFLICT (tenant_id, prefix) DO UPDATE SET last_sequence = GREATEST(order_number_series.last_sequence, excluded.last_sequence)
                """, ct);
        else
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO order_number_series (tenant_id, prefix, last_sequence) VALUES ({tenantId}, {prefix}, {number.Sequence})
                ON CONFLICT (tenant_id, prefix) DO UPDATE SET last_sequence = MAX(order_number_series.last_sequence, excluded.last_sequence)
                """, ct);
    }
}
