using System.ComponentModel.DataAnnotations;

namespace Till.Server.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded default) or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite the default is a file in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Create the demo tenants on first start; defaults to on for the embedded SQLite.</summary>
    public bool? SeedDemoData { get; set; }

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
