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

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TillDbContext db && db.Database.CurrentTransaction is null) await FlushAsync(db, cancellationToken);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is TillDbContext db && db.Database.CurrentTransaction is null) FlushAsync(db, default).GetAwaiter().GetResult();
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TillDbContext db) await FlushAsync(db, cancellationToken);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is TillDbContext db) FlushAsync(db, default).GetAwaiter().GetResult();
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TillDbContext db) db.TakeEvents();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event sink {Sink} failed to publish {Count} event(s)")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, int count);
}
