using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Activities;

internal sealed record ActivityDto(Guid Id, Guid? BranchId, Guid? UserId, string Kind, string Message, JsonElement? Data, DateTime CreatedAt)
{
    public static ActivityDto From(Activity a) => new(a.Id, a.BranchId, a.UserId, a.Kind, a.Message,
        a.Data is null ? null : JsonDocument.Parse(a.Data).RootElement.Clone(), a.CreatedAt);
}

internal sealed record ActivityQuery
{
    [FromQuery(Name = "branch_id")] public Guid? BranchId { get; init; }
    [FromQuery(Name = "kind")] public string? Kind { get; init; }
}

internal static class ActivitiesApi
{
    public static RouteGroupBuilder MapActivitiesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/dashboard/activities").WithTags("Dashboard").RequireAuthorization(Permissions.ReportsView);
        group.MapGet("/", async ([AsParameters] PageQuery page, [AsParameters] ActivityQuery filter, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Set<Activity>().AsNoTracking();
            if (filter.BranchId is { } b) query = query.Where(a => a.BranchId == b);
            if (filter.Kind is { } k) query = query.Where(a => a.Kind == k);
            var result = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).ToPageAsync(page, ct);
            return TypedResults.Ok(new PagedResponse<ActivityDto>([.. result.Data.Select(ActivityDto.From)], result.Meta));
        });
        return group;
    }
}
