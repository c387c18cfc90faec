using Microsoft.EntityFrameworkCore;

namespace Till.Server.Data;

/// <summary>The production database. Migrations live in Data/Migrations/Postgres.</summary>
internal sealed class PostgresTillDbContext(DbContextOptions<PostgresTillDbContext> options)
    : TillDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
