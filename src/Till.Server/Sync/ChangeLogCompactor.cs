using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// Keeps the change log small: drops rows superseded by a newer change to the same entity (always
/// safe: a device behind them receives the newer row; a sale's first row, which carries its lines and
/// payments, is kept), and drops tombstones older than the retention
/// period, raising the tenant's floor so devices that slept through them re-bootstrap.
/// </summary>
internal sealed partial class ChangeLogCompactor(IServiceScopeFactory scopes, IOptions<SyncOptions> options, TimeProvider clock, ILogger<ChangeLogCompactor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.CompactionIntervalMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CompactAsync(tenantId: null, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>Compacts every tenant's log, or only <paramref name="tenantId"/>'s.</summary>
    public async Task<(int Superseded, int Tombstones)> CompactAsync(Guid? tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        var log = db.ChangeLog.IgnoreQueryFilters().Where(c => tenantId == null || c.TenantId == tenantId);
        // A parent's first row may carry the children created with it (CarriedChildren): it stays while the parent does.
        var parents = CarriedChildren.Parents;
        var superseded = await log
            .Where(c => !(c.Version == 1 && parents.Contains(c.EntityType)))
            .Where(c => db.ChangeLog.IgnoreQueryFilters().Any(n => n.TenantId == c.TenantId && n.EntityType == c.EntityType && n.EntityId == c.EntityId && n.Seq > c.Seq))
            .ExecuteDeleteAsync(ct);

        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.TombstoneRetentionDays);
        var expired = await log.Where(c => c.IsDeleted && c.ChangedAt < cutoff)
            .GroupBy(c => c.TenantId).Select(g => new { TenantId = g.Key, Max = g.Max(c => c.Seq) }).ToListAsync(ct);
        var tombstones = 0;
        foreach (var tenant in expired)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var floor = await db.SyncFloors.IgnoreQueryFilters().FirstOrDefaultAsync(f => f.TenantId == tenant.TenantId, ct);
            if (floor is null) db.SyncFloors.Add(floor = new SyncFloor { TenantId = tenant.TenantId });
            floor.PurgedThroughSeq = Math.Max(floor.PurgedThroughSeq, tenant.Max);
            floor.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            tombstones += await db.ChangeLog.IgnoreQueryFilters()
                .Where(c => c.TenantId == tenant.TenantId && c.IsDeleted && c.Seq <= tenant.Max && c.ChangedAt < cutoff).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }

        if (superseded + tombstones > 0) LogCompacted(logger, superseded, tombstones);
        return (superseded, tombstones);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change log compacted: {Superseded} superseded rows and {Tombstones} expired tombstones removed")]
    private static partial void LogCompacted(ILogger logger, int superseded, int tombstones);

    [LoggerMessage(Level = LogLevel.Error, Message = "Change log compaction failed; it will run again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
