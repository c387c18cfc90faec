using Till.Server.Tests.Infrastructure;

// One server per provider for the whole assembly; every test runs on both.
[assembly: AssemblyFixture(typeof(SqliteApp))]
[assembly: AssemblyFixture(typeof(PostgresApp))]
