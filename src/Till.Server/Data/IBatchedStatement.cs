using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using System.Data.Common;

namespace Till.Server.Data;

/// <summary>
/// Statements of a caller's that travel in another writer's round trip, ahead of its own statement, in the
/// caller's transaction (the stock ledger's level upsert takes a sale's receipt numbers or rows this way on
/// PostgreSQL). Where the provider has no batches (SQLite) they run by themselves first.
/// </summary>
internal interface IBatchedStatement
{
    /// <summary>Adds the statements to <paramref name="batch"/>; read their results with <see cref="ReadAsync"/>.</summary>
    void AddTo(DbBatch batch);

    /// <summary>Reads the statements' results from a batch's reader, leaving it at the next statement's result.</summary>
    Task ReadAsync(DbDataReader reader, CancellationToken ct);

    /// <summary>Runs the statements by themselves, in the unit of work's transaction.</summary>
    Task ExecuteAsync(TillDbContext db, CancellationToken ct);

    /// <summary>Runs <paramref name="statements"/> in turn: in one round trip where the provider takes batches (PostgreSQL).</summary>
    public static async Task ExecuteAllAsync(TillDbContext db, IReadOnlyList<IBatchedStatement> statements, CancellationToken ct)
    {
        if (statements.Count == 1 || !db.Database.GetDbConnection().CanCreateBatch)
        {
            foreach (var statement in statements) await statement.ExecuteAsync(db, ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = db.Database.GetDbConnection().CreateBatch();
            batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var statement in statements) statement.AddTo(batch);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var statement in statements) await statement.ReadAsync(reader, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
