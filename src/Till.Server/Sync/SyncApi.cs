using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Till.Core.Identity;
using Till.Core.Sync;
using Till.Server.Api;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Sync;

internal sealed record PullQuery
{
    [FromQuery(Name = "since"), Range(0, long.MaxValue)] public long? Since { get; init; }
    [FromQuery(Name = "limit"), Range(1, 20_000)] public int? Limit { get; init; }
    [FromQuery(Name = "protocol_version")] public int? ProtocolVersion { get; init; }
}

internal sealed record SnapshotQuery
{
    [FromQuery(Name = "after"), Range(0, long.MaxValue)] public long? After { get; init; }
    [FromQuery(Name = "upto"), Range(0, long.MaxValue)] public long? Upto { get; init; }
    [FromQuery(Name = "limit"), Range(1, 20_000)] public int? Limit { get; init; }
    [FromQuery(Name = "protocol_version")] public int? ProtocolVersion { get; init; }
}

internal static class SyncApi
{
    /// <summary>
    /// Terminal sync (device tokens; never rate limited) and the fleet view for managers.
    /// The protocol is written down in docs/sync-protocol.md.
    /// </summary>
    public static RouteGroupBuilder MapSyncApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync").WithTags("Sync").RequireAuthorization();

        group.MapPost("/batch-push", Push).WithMetadata(new LargeBodyAttribute(64L * 1024 * 1024));
        group.MapGet("/pull-changes", Pull);
        group.MapGet("/snapshot", Snapshot);
        group.MapGet("/status", Status);
        group.MapGet("/fleet", SyncStatusApi.Fleet).RequireAuthorization(Permissions.SyncManage);
        group.MapGet("/conflicts", SyncStatusApi.Conflicts).RequireAuthorization(Permissions.SyncManage);
        group.MapPost("/resolve-conflict", ConflictResolver.Resolve).RequireAuthorization(Permissions.SyncManage);
        return group;
    }

    private static async Task<IResult> Push(PushRequest? request, TillDbContext db, PushProcessor processor, CancellationToken ct)
    {
        if (request is null) return Problems.Validation("$", "The body must be a push request.");
        if (await DeviceAsync(db, ct) is not { } device) return NotADevice();
        if (request.ProtocolVersion == 0) return Problems.Validation("protocol_version", $"Required; this server speaks {SyncProtocol.MinimumVersion} to {SyncProtocol.CurrentVersion}.");
        if (Upgrade(request.ProtocolVersion) is { } upgrade) return upgrade;
        var errors = ValidateMutations(request);
        if (errors.Count > 0) return Problems.Validation(errors);
        return TypedResults.Ok(await processor.PushAsync(device, request, ct));
    }

    private static async Task<IResult> Pull([AsParameters] PullQuery query, TillDbContext db, ChangeFeed feed, IOptions<SyncOptions> options, HttpContext http, CancellationToken ct)
    {
        if (await DeviceAsync(db, ct) is not { } device) return NotADevice();
        if (Upgrade(query.ProtocolVersion ?? SyncProtocol.CurrentVersion) is { } upgrade) return upgrade;
        var since = query.Since ?? 0;
        var floor = await feed.FloorAsync(ct);
        if (since < floor)
        {
            return TypedResults.Problem(
                $"Changes up to {floor} were purged after the retention period; this device's cursor {since} is older. Re-bootstrap from /api/sync/snapshot.",
                statusCode: StatusCodes.Status410Gone, title: "Reset required", type: "https://till.local/problems/sync-reset",
                extensions: new Dictionary<string, object?> { ["reset"] = true, ["purged_through"] = floor });
        }

        await feed.WritePullAsync(http.Response, device, since, Math.Min(query.Limit ?? 1000, options.Value.MaxPageSize), ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> Snapshot([AsParameters] SnapshotQuery query, TillDbContext db, ChangeFeed feed, IOptions<SyncOptions> options, HttpContext http, CancellationToken ct)
    {
        if (await DeviceAsync(db, ct) is not { } device) return NotADevice();
        if (Upgrade(query.ProtocolVersion ?? SyncProtocol.CurrentVersion) is { } upgrade) return upgrade;
        // A snapshot from the start is always possible; resuming one that tombstone purging overtook is not.
        if (query.After is > 0 && query.After < await feed.FloorAsync(ct))
            return TypedResults.Problem("This snapshot is older than the retention period; start a new one without 'upto'.",
                statusCode: StatusCodes.Status410Gone, title: "Reset required", type: "https://till.local/problems/sync-reset",
                extensions: new Dictionary<string, object?> { ["reset"] = true });
        await feed.WriteSnapshotAsync(http.Response, device, query.After ?? 0, query.Upto, Math.Min(query.Limit ?? 1000, options.Value.MaxPageSize), ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> Status(TillDbContext db, ChangeFeed feed, CancellationToken ct)
    {
        if (await DeviceAsync(db, ct) is not { } device)
        {
            return db.Tenant.HasPermission(Permissions.SyncManage)
                ? TypedResults.Ok(await SyncStatusApi.FleetViewAsync(db, feed, ct))
                : NotADevice();
        }

        return TypedResults.Ok(await SyncStatusApi.DeviceViewAsync(db, feed, device, ct));
    }

    /// <summary>The device of the token (a login with <c>device_id</c>); sync is per device.</summary>
    internal static async Task<Device?> DeviceAsync(TillDbContext db, CancellationToken ct) =>
        db.Tenant.DeviceId is { } id ? await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.IsActive, ct) : null;

    private static ProblemHttpResult NotADevice() => Problems.Forbidden(
        "Sync runs per device: log in with the device's id (device_id in /api/auth/login) from an active device of this tenant.");

    private static ProblemHttpResult? Upgrade(int version) => version switch
    {
        < SyncProtocol.MinimumVersion => TypedResults.Problem(
            $"Protocol version {version} is no longer supported; the server speaks {SyncProtocol.MinimumVersion} to {SyncProtocol.CurrentVersion}. Update the terminal.",
            statusCode: StatusCodes.Status426UpgradeRequired, title: "Terminal update required"),
        > SyncProtocol.CurrentVersion => TypedResults.Problem(
            $"Protocol version {version} is newer than this server ({SyncProtocol.CurrentVersion}). Update the server first.",
            statusCode: StatusCodes.Status400BadRequest, title: "Unknown protocol version"),
        _ => null,
    };

    private static Dictionary<string, string[]> ValidateMutations(PushRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Mutations is null) errors["mutations"] = ["Required."];
        else if (request.Mutations.Count > SyncProtocol.MaxMutationsPerPush)
            errors["mutations"] = [$"At most {SyncProtocol.MaxMutationsPerPush} mutations per push."];
        else
        {
            for (var i = 0; i < request.Mutations.Count; i++)
            {
                var m = request.Mutations[i];
                if (m is null) errors[$"mutations[{i}]"] = ["Required."];
                else if (m.Seq < 1) errors[$"mutations[{i}].seq"] = ["Mutation numbers start at 1."];
                else if (string.IsNullOrWhiteSpace(m.Kind)) errors[$"mutations[{i}].kind"] = ["Required."];
            }

            if (request.Mutations.Where(m => m is not null).GroupBy(m => m.Seq).FirstOrDefault(g => g.Count() > 1) is { } dup)
                errors["mutations"] = [$"Mutation number {dup.Key} appears twice in one push."];
        }

        if (request.QueueLength is < 0) errors["queue_length"] = ["Must not be negative."];
        return errors;
    }
}
