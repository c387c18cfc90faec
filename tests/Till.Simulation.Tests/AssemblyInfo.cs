using Till.Simulation.Tests;

// One restartable server per provider for the whole assembly.
[assembly: AssemblyFixture(typeof(SqliteSimServer))]
[assembly: AssemblyFixture(typeof(PostgresSimServer))]
