using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Server.Api;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Sync;

internal sealed record SyncLogDto(string Operation, int Received, int Applied, int Duplicates, int Conflicts, int Rejected, int Sent, long Cursor, int DurationMs, string? Error, DateTime CreatedAt);

internal sealed record DeviceSyncStatus(
    Guid DeviceId, string DeviceCode, string DeviceName, Guid BranchId, long LastAppliedSeq, long LastPulledSeq, long ServerSeq, long CursorLag,
    int? ReportedQueueLength, DateTime? LastPushAt, DateTime? LastPullAt, DateTime? LastSeenAt, string? LastError, DateTime? LastErrorAt,
    int UnreviewedConflicts, IReadOnlyList<SyncLogDto> RecentLogs);

internal sealed record FleetStatus(long ServerSeq, IReadOnlyList<DeviceSyncStatus> Devices);

internal sealed record ConflictQuery
{
    [FromQuery(Name = "reviewed")] public bool? Reviewed { get; init; }
    [FromQuery(Name = "device_id")] public Guid? DeviceId { get; init; }
}

/// <summary>Fleet sync health: each device's last contact, reported queue, cursor lag and errors.</summary>
internal static class SyncStatusApi
{
    public static async Task<DeviceSyncStatus> DeviceViewAsync(TillDbContext db, ChangeFeed feed, Device device, CancellationToken ct)
    {
        var fleet = await BuildAsync(db, await feed.ServerSeqAsync(ct), [device], logsPerDevice: 20, ct);
        return fleet[0];
    }

    public static async Task<FleetStatus> FleetViewAsync(TillDbContext db, ChangeFeed feed, CancellationToken ct)
    {
        var devices = await db.Devices.AsNoTracking().OrderBy(d => d.BranchId).ThenBy(d => d.Code).ToListAsync(ct);
        var serverSeq = await feed.ServerSeqAsync(ct);
        return new FleetStatus(serverSeq, await BuildAsync(db, serverSeq, devices, logsPerDevice: 3, ct));
    }

    public static async Task<IResult> Fleet(TillDbContext db, ChangeFeed feed, CancellationToken ct) =>
        TypedResults.Ok(await FleetViewAsync(db, feed, ct));

    public static async Task<IResult> Conflicts([AsParameters] PageQuery page, [AsParameters] ConflictQuery filter, TillDbContext db, CancellationToken ct)
    {
        var query = db.SyncConflicts.AsNoTracking();
        if (filter.Reviewed is { } reviewed) query = query.Where(c => c.IsReviewed == reviewed);
        if (filter.DeviceId is { } device) query = query.Where(c => c.DeviceId == device);
        var result = await query.OrderByDescending(c => c.CreatedAt).ToPageAsync(page, ct);
        return TypedResults.Ok(new PagedResponse<ConflictDto>([.. result.Data.Select(ConflictDto.From)], result.Meta));
    }

    private static async Task<List<DeviceSyncStatus>> BuildAsync(TillDbContext db, long serverSeq, IReadOnlyList<Device> devices, int logsPerDevice, CancellationToken ct)
    {
        var ids = devices.Select(d => d.Id).ToList();
        var states = await db.DeviceSyncStates.AsNoTracking().Where(s => ids.Contains(s.DeviceId)).ToDictionaryAsync(s => s.DeviceId, ct);
        var conflicts = await db.SyncConflicts.AsNoTracking().Where(c => !c.IsReviewed && ids.Contains(c.DeviceId))
            .GroupBy(c => c.DeviceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var result = new List<DeviceSyncStatus>(devices.Count);
        foreach (var device in devices)
        {
            var state = states.GetValueOrDefault(device.Id);
            var logs = await db.SyncLogs.AsNoTracking().Where(l => l.DeviceId == device.Id).OrderByDescending(l => l.CreatedAt).Take(logsPerDevice)
                .Select(l => new SyncLogDto(l.Operation, l.Received, l.Applied, l.Duplicates, l.Conflicts, l.Rejected, l.Sent, l.Cursor, l.DurationMs, l.Error, l.CreatedAt))
                .ToListAsync(ct);
            var pulled = state?.LastPulledSeq ?? 0;
            result.Add(new DeviceSyncStatus(device.Id, device.Code, device.Name, device.BranchId, state?.LastAppliedSeq ?? 0, pulled, serverSeq,
                Math.Max(0, serverSeq - pulled), state?.ReportedQueueLength, state?.LastPushAt, state?.LastPullAt, device.LastSeenAt,
                state?.LastError, state?.LastErrorAt, conflicts.GetValueOrDefault(device.Id), logs));
        }

        return result;
    }
}
