using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Till.Server.Data;

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTillDbContext>
{
    public SqliteTillDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteTillDbContext>().UseSqlite("Data Source=design.db").UseSnakeCaseNamingConvention().Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTillDbContext>
{
    public PostgresTillDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresTillDbContext>().UseNpgsql("Host=localhost;Database=till_design").UseSnakeCaseNamingConvention().Options);
}
