using Microsoft.EntityFrameworkCore;
using Till.Server.Data;

namespace Till.Server.Customers;

/// <summary>Thrown when a redemption would take a customer's points below zero.</summary>
internal sealed class InsufficientPointsException(decimal balance, decimal requested)
    : InvalidOperationException($"The customer has {balance:0.##} points; {requested:0.##} cannot be redeemed.")
{
    public decimal Balance { get; } = balance;
}

/// <summary>
/// The only writer of loyalty points: earn (+), redeem (-) and adjust (either sign) entries; the
/// balance is their sum. Orders will earn and redeem through it, inside their own transaction.
/// </summary>
internal sealed class LoyaltyLedger(TillDbContext db, TimeProvider clock)
{
    public async Task<(LoyaltyEntry Entry, decimal Balance)> PostAsync(
        Guid customerId, LoyaltyEntryType type, decimal points, string? notes = null,
        string? referenceType = null, Guid? referenceId = null, bool allowNegative = false, CancellationToken ct = default)
    {
        if (points == 0) throw new ArgumentException("Points must not be zero.", nameof(points));
        var signed = type switch
        {
            LoyaltyEntryType.Earn => Math.Abs(points),
            LoyaltyEntryType.Redeem => -Math.Abs(points),
            _ => points,
        };

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // Touching the customer row first serialises concurrent redemptions of one customer (its row
            // lock on PostgreSQL, the write lock on SQLite) and tells syncing devices its balance changed.
            var now = clock.GetUtcNow().UtcDateTime;
            var touched = await db.Customers.Where(c => c.Id == customerId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1).SetProperty(c => c.UpdatedAt, now), ct);
            if (touched == 0) throw new KeyNotFoundException("No customer with this id.");

            var balance = await BalanceAsync(customerId, ct);
            if (signed < 0 && balance + signed < 0 && !allowNegative) throw new InsufficientPointsException(balance, -signed);

            var entry = new LoyaltyEntry
            {
                CustomerId = customerId, Type = type, Points = signed, Notes = notes,
                ReferenceType = referenceType, ReferenceId = referenceId, UserId = db.Tenant.UserId,
            };
            db.LoyaltyEntries.Add(entry);
            // The version bump above was set-based: log the customer for devices here.
            await Sync.ChangeLogWriter.AppendAsync<Customer>(db, customerId, branchId: null, ct);
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            return (entry, balance + signed);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public async Task<decimal> BalanceAsync(Guid customerId, CancellationToken ct) =>
        (await db.LoyaltyEntries.Where(e => e.CustomerId == customerId).Select(e => e.Points).ToListAsync(ct)).Sum();
}
