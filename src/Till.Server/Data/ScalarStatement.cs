using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Till.Server.Data;

/// <summary>
/// A statement that answers one number (its first row's first column), run in the caller's
/// transaction: on its own (<see cref="ExecuteAsync"/>), or ahead of another statement in the same
/// round trip (the stock ledger's level upsert batches it on PostgreSQL). Its parameters are named
/// <c>@s0</c>, <c>@s1</c>, ... in the order given.
/// </summary>
internal sealed class ScalarStatement(string sql, params object[] parameters) : IBatchedStatement
{
    public string Sql { get; } = sql;

    /// <summary>What the statement answered, once it has run.</summary>
    public long? Value { get; private set; }

    Task IBatchedStatement.ExecuteAsync(TillDbContext db, CancellationToken ct) => ExecuteAsync(db, ct);

    public async Task<long> ExecuteAsync(TillDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = Sql;
            AddParameters(command.CreateParameter, command.Parameters);
            return Read(await command.ExecuteScalarAsync(ct));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Adds this statement to <paramref name="batch"/>; read its answer with <see cref="ReadAsync"/>.</summary>
    public void AddTo(DbBatch batch)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = Sql;
        AddParameters(command.CreateParameter, command.Parameters);
        batch.BatchCommands.Add(command);
    }

    /// <summary>Reads this statement's answer from the current result of a batch's reader and moves to the next result.</summary>
    public async Task ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The statement answered no row.");
        Read(reader.GetValue(0));
        await reader.NextResultAsync(ct);
    }

    private long Read(object? value)
    {
        Value = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        return Value.Value;
    }

    private void AddParameters(Func<DbParameter> create, DbParameterCollection target)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = create();
            parameter.ParameterName = $"@s{i}";
            parameter.Value = parameters[i];
            target.Add(parameter);
        }
    }
}
