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
        // A sale's audit entry and its change-log row (the order with its lines and payments, about 3 KiB each) are
        // past the size PostgreSQL compresses at; lz4 compresses them several times faster than the default pglz,
        // which took 2 to 4 % of the database's CPU under checkout load for the audit entries and 9 % under push
        // ingest for the change-log rows (needs PostgreSQL 14 or later built with lz4, as the distributions' are).
        modelBuilder.Entity<Audit.AuditEntry>(b =>
        {
            b.Property(x => x.NewValues).UseCompressionMethod("lz4");
            b.Property(x => x.OldValues).UseCompressionMethod("lz4");
        });
        modelBuilder.Entity<Sync.ChangeLogEntry>(b => b.Property(x => x.Data).UseCompressionMethod("lz4"));
        modelBuilder.Entity<Sync.StagedChange>(b => b.Property(x => x.Data).UseCompressionMethod("lz4"));
    }
}
