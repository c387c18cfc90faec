using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Till.Server.Data;

namespace Till.Server.Events;

/// <summary>
/// Publishes the events raised on a <see cref="TillDbContext"/> once they are durable: after
/// SaveChanges when no explicit transaction is open, otherwise after that transaction commits
/// (through <see cref="DomainEventPublisher"/>).
/// </summary>
internal sealed class DomainEventDispatcher(DomainEventPublisher publisher) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
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

    private Task FlushAsync(TillDbContext db, CancellationToken ct) => publisher.PublishAsync(db.TakeEvents(), ct);
}
