using Microsoft.EntityFrameworkCore;

namespace Till.Server.Data;

/// <summary>The production database. Migrations live in Data/Migrations/Postgres.</summary>
internal sealed class PostgresTillDbContext(DbContextOptions<PostgresTillDbContext> options)
    : TillDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // A sale's audit entry (the order with its lines and payments, about 3 KiB) is past the size PostgreSQL
        // compresses at; lz4 compresses it several times faster than the default pglz, which took 2 to 4 % of the
        // database's CPU under checkout load (needs PostgreSQL 14 or later built with lz4, as the distributions' are).
        modelBuilder.Entity<Audit.AuditEntry>(b =>
        {
            b.Property(x => x.NewValues).UseCompressionMethod("lz4");
            b.Property(x => x.OldValues).UseCompressionMethod("lz4");
        });
    }
}
