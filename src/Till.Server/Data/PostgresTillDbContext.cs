using Microsoft.EntityFrameworkCore;
using Till.Server.Tenancy;

namespace Till.Server.Data;

/// <summary>The production database. Migrations live in Data/Migrations/Postgres.</summary>
internal sealed class PostgresTillDbContext(DbContextOptions<PostgresTillDbContext> options, TenantContext tenant)
    : TillDbContext(options, tenant)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
