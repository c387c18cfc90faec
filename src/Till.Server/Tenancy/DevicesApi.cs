using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Tenancy;

internal sealed record DeviceDto(Guid Id, Guid BranchId, string Code, string Name, string? Platform, bool IsActive, DateTime? LastSeenAt, DateTime CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Device, DeviceDto>> Projection = d =>
        new DeviceDto(d.Id, d.BranchId, d.Code, d.Name, d.Platform, d.IsActive, d.LastSeenAt, d.CreatedAt, d.Version);

    public static readonly Func<Device, DeviceDto> From = Projection.Compile();
}

internal sealed record DeviceRequest
{
    [Required] public Guid? BranchId { get; init; }

    [Required, StringLength(20), RegularExpression("^[A-Z0-9]+$", ErrorMessage = "Use upper-case letters and digits; the code goes into receipt numbers.")]
    public string? Code { get; init; }

    [Required, StringLength(200)] public string? Name { get; init; }
    [StringLength(100)] public string? Platform { get; init; }
    public bool IsActive { get; init; } = true;
}

internal sealed record DeviceListQuery
{
    [FromQuery(Name = "branch_id")] public Guid? BranchId { get; init; }
    [FromQuery(Name = "is_active")] public bool? IsActive { get; init; }
}

internal static class DevicesApi
{
    private static readonly SortMap<Device> Sorts = new SortMap<Device>("code")
        .Add("code", d => d.Code).Add("name", d => d.Name).Add("last_seen_at", d => d.LastSeenAt).Add("created_at", d => d.CreatedAt);

    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/devices").WithTags("Tenancy").RequireAuthorization(Permissions.DevicesManage);

        group.MapGet("/", async Task<Results<Ok<PagedResponse<DeviceDto>>, ValidationProblem>> (
            [AsParameters] PageQuery page, [AsParameters] DeviceListQuery filter, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Devices.AsNoTracking();
            if (filter.BranchId is { } b) query = query.Where(d => d.BranchId == b);
            if (filter.IsActive is { } a) query = query.Where(d => d.IsActive == a);
            if (page.SearchTerm is { } s)
            {
                var like = $"%{s.ToLowerInvariant()}%";
                query = query.Where(d => EF.Functions.Like(d.Name.ToLower(), like) || EF.Functions.Like(d.Code.ToLower(), like));
            }

            if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
            return TypedResults.Ok(await query.Select(DeviceDto.Projection).ToPageAsync(page, ct));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<DeviceDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Devices.Where(d => d.Id == id).Select(DeviceDto.Projection).FirstOrDefaultAsync(ct) is { } d
                ? TypedResults.Ok(d) : TypedResults.NotFound());
        group.MapPost("/", Create);
        group.MapPut("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, TillDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id, ct);
            if (device is null) return TypedResults.NotFound();
            // A deleted till gives its licence seat back, so a replacement can take it.
            await Licensing.LicenseSeats.ReleaseAsync(db, device, clock.GetUtcNow().UtcDateTime, "was deleted and released", ct);
            // A tombstone, written as one (Remove would make EF sever the seat it now tracks, which must stay as history).
            device.IsDeleted = true;
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });
        return group;
    }

    private static async Task<Results<Created<DeviceDto>, ValidationProblem, ProblemHttpResult>> Create(DeviceRequest request, TillDbContext db, CancellationToken ct)
    {
        if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId, ct)) return Problems.Validation("branch_id", "No branch with this id.");
        if (await db.Devices.AnyAsync(d => d.BranchId == request.BranchId && d.Code == request.Code, ct))
            return Problems.Conflict($"The branch already has a device with code '{request.Code}'.", new Dictionary<string, object?> { ["field"] = "code" });
        var device = new Device { BranchId = request.BranchId!.Value, Code = request.Code!, Name = request.Name!, Platform = request.Platform, IsActive = request.IsActive };
        db.Devices.Add(device);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/devices/{device.Id}", DeviceDto.From(device));
    }

    private static async Task<Results<Ok<DeviceDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, DeviceRequest request, TillDbContext db, CancellationToken ct)
    {
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null) return TypedResults.NotFound();
        if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId, ct)) return Problems.Validation("branch_id", "No branch with this id.");
        if ((device.Code != request.Code || device.BranchId != request.BranchId)
            && await db.Devices.AnyAsync(d => d.Id != id && d.BranchId == request.BranchId && d.Code == request.Code, ct))
            return Problems.Conflict($"The branch already has a device with code '{request.Code}'.", new Dictionary<string, object?> { ["field"] = "code" });
        device.BranchId = request.BranchId!.Value;
        device.Code = request.Code!;
        device.Name = request.Name!;
        device.Platform = request.Platform;
        device.IsActive = request.IsActive;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DeviceDto.From(device));
    }
}
