using Microsoft.Data.Sqlite;

namespace Till.Sdk.Internal;

/// <summary>Prepared statements reused across the rows of one transaction (a bootstrap applies hundreds of thousands).</summary>
internal sealed class StatementCache(SqliteTransaction tx) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteTransaction Transaction => tx;

    public SqliteCommand Get(string sql, params object?[] args)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = tx.Connection!.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            for (var i = 0; i < args.Length; i++) cmd.Parameters.Add(new SqliteParameter("$" + (char)('a' + i), null));
            cmd.Prepare();
            _commands[sql] = cmd;
        }

        for (var i = 0; i < args.Length; i++) cmd.Parameters[i].Value = LocalStore.ToDb(args[i]);
        return cmd;
    }

    public int Exec(string sql, params object?[] args) => Get(sql, args).ExecuteNonQuery();

    public object? Scalar(string sql, params object?[] args) => Get(sql, args).ExecuteScalar();

    public void Dispose()
    {
        foreach (var cmd in _commands.Values) cmd.Dispose();
    }
}
