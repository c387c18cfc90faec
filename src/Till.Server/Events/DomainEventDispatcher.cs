using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Till.Server.Data;

namespace Till.Server.Events;

/// <summary>
/// Publishes the events raised on a <see cref="TillDbContext"/> once they are durable: after
/// SaveChanges when no explicit transaction is open, otherwise after that transaction commits.
/// </summary>
internal sealed partial class DomainEventDispatcher(IEnumerable<IDomainEventSink> sinks, ILogger<DomainEventDispatcher> logger)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly IDomainEventSink[] _sinks = [.. sinks];

    // SaveChanges without a caller's transaction runs in one EF opens and commits itself; its commit
    // comes before EF hands generated keys (the change-log sequence) to the entities, so those
    // events are published from SavedChanges instead. A caller's transaction publishes on commit.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is TillDbContext db) db.SavingInOwnTransaction = db.Database.CurrentTransaction is null;
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TillDbContext db) db.SavingInOwnTransaction = db.Database.CurrentTransaction is null;
        return ValueTask.FromResult(result);
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TillDbContext { SavingInOwnTransaction: true } db)
        {
            db.SavingInOwnTransaction = false;
            await FlushAsync(db, cancellationToken);
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is TillDbContext { SavingInOwnTransaction: true } db)
        {
            db.SavingInOwnTransaction = false;
            FlushAsync(db, default).GetAwaiter().GetResult();
        }

        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is TillDbContext { SavingInOwnTransaction: true } db)
        {
            db.SavingInOwnTransaction = false;
            db.TakeEvents();
        }
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TillDbContext { SavingInOwnTransaction: false } db) await FlushAsync(db, cancellationToken);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is TillDbContext { SavingInOwnTransaction: false } db) FlushAsync(db, default).GetAwaiter().GetResult();
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is TillDbContext db) db.TakeEvents();
    }

    private async Task FlushAsync(TillDbContext db, CancellationToken ct)
    {
        var events = db.TakeEvents();
        if (events.Count == 0 || _sinks.Length == 0) return;
        if (db.Provider == DatabaseProvider.Postgres) events = await WithCommittedSequencesAsync(db, events, ct);
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.PublishAsync(events, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The change is committed; a failed notification must not turn it into an error.
                LogSinkFailed(logger, e, sink.GetType().Name, events.Count);
            }
        }
    }

    /// <summary>
    /// On PostgreSQL a change-log row gets its real sequence at commit (its insert saw a pending
    /// one): change events are given the tenant's latest committed sequence, read after the commit.
    /// </summary>
    private static async Task<IReadOnlyList<DomainEvent>> WithCommittedSequencesAsync(TillDbContext db, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        if (!events.Any(e => e is Sync.ChangesCommitted or Sync.BulkChangesCommitted)) return events;
        var latest = new Dictionary<Guid, long>();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            foreach (var tenantId in events.Where(e => e is Sync.ChangesCommitted or Sync.BulkChangesCommitted).Select(e => e.TenantId).Distinct())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT coalesce(max(seq), 0) FROM change_log WHERE tenant_id = @tenant";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "tenant";
                parameter.Value = tenantId;
                command.Parameters.Add(parameter);
                latest[tenantId] = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }

        return events.Select(e => e switch
        {
            Sync.ChangesCommitted changes => changes with { CommittedSeq = latest[changes.TenantId] },
            Sync.BulkChangesCommitted bulk => bulk with { LatestSeq = latest[bulk.TenantId] },
            _ => e,
        }).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event sink {Sink} failed to publish {Count} event(s)")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, int count);
}
