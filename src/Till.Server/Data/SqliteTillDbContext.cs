using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Till.Server.Data;

/// <summary>The embedded default. Migrations live in Data/Migrations/Sqlite.</summary>
internal sealed class SqliteTillDbContext(DbContextOptions<SqliteTillDbContext> options)
    : TillDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no decimal type: store money and quantities as integers scaled by 10^4 so that
        // comparisons, ordering and SUM stay exact and happen in SQL.
        configurationBuilder.Properties<decimal>().HaveConversion<ScaledDecimalConverter>();
        configurationBuilder.Properties<decimal?>().HaveConversion<ScaledDecimalConverter>();
        // SQLite returns DateTime with Kind=Unspecified; everything Till stores is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    internal sealed class ScaledDecimalConverter() : ValueConverter<decimal, long>(
        v => (long)Math.Round(v * Scale, MidpointRounding.AwayFromZero), v => v / Scale)
    {
        public const decimal Scale = 10_000m;
    }

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
