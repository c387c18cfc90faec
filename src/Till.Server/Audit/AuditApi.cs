using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Audit;

internal sealed record AuditEntryDto(
    Guid Id, Guid? UserId, Guid? DeviceId, string Action, string EntityType, string? EntityId,
    JsonElement? OldValues, JsonElement? NewValues, string? IpAddress, string? UserAgent, DateTime CreatedAt)
{
    public static AuditEntryDto From(AuditEntry e) => new(e.Id, e.UserId, e.DeviceId, e.Action, e.EntityType, e.EntityId,
        Parse(e.OldValues), Parse(e.NewValues), e.IpAddress, e.UserAgent, e.CreatedAt);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

internal sealed record AuditQuery
{
    [FromQuery(Name = "entity_type")] public string? EntityType { get; init; }
    [FromQuery(Name = "entity_id")] public string? EntityId { get; init; }
    [FromQuery(Name = "user_id")] public Guid? UserId { get; init; }
    [FromQuery(Name = "device_id")] public Guid? DeviceId { get; init; }
    [FromQuery(Name = "action")] public string? Action { get; init; }
    [FromQuery(Name = "from")] public DateTime? From { get; init; }
    [FromQuery(Name = "to")] public DateTime? To { get; init; }
}

internal static class AuditApi
{
    /// <summary>Read-only: the audit log is written by the data layer only.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit-logs").WithTags("Audit").RequireAuthorization(Permissions.AuditView);

        group.MapGet("/", async ([AsParameters] PageQuery page, [AsParameters] AuditQuery filter, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.AuditLogs.AsNoTracking();
            if (filter.EntityType is { } type) query = query.Where(e => e.EntityType == type);
            if (filter.EntityId is { } entity) query = query.Where(e => e.EntityId == entity);
            if (filter.UserId is { } user) query = query.Where(e => e.UserId == user);
            if (filter.DeviceId is { } device) query = query.Where(e => e.DeviceId == device);
            if (filter.Action is { } action) query = query.Where(e => e.Action == action);
            if (filter.From is { } from) query = query.Where(e => e.CreatedAt >= from.ToUniversalTime());
            if (filter.To is { } to) query = query.Where(e => e.CreatedAt < to.ToUniversalTime());
            query = page.Sort == "created_at" ? query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id) : query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id);
            var result = await query.ToPageAsync(page, ct);
            return TypedResults.Ok(new PagedResponse<AuditEntryDto>([.. result.Data.Select(AuditEntryDto.From)], result.Meta));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<AuditEntryDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.AuditLogs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e
                ? TypedResults.Ok(AuditEntryDto.From(e)) : TypedResults.NotFound());
        return group;
    }
}
