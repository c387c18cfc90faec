using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Tenancy;

internal sealed record WarehouseDto(Guid Id, Guid BranchId, string Code, string Name, WarehouseKind Kind, bool IsDefault, bool IsActive, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Warehouse, WarehouseDto>> Projection = w =>
        new WarehouseDto(w.Id, w.BranchId, w.Code, w.Name, w.Kind, w.IsDefault, w.IsActive, w.Version);

    public static readonly Func<Warehouse, WarehouseDto> From = Projection.Compile();
}

internal sealed record WarehouseRequest
{
    [Required] public Guid? BranchId { get; init; }

    [Required, StringLength(20), RegularExpression("^[A-Z0-9-]+$", ErrorMessage = "Use upper-case letters, digits and '-'.")]
    public string? Code { get; init; }

    [Required, StringLength(200)] public string? Name { get; init; }
    [Required] public WarehouseKind? Kind { get; init; }
    public bool IsActive { get; init; } = true;
}

internal static class WarehousesApi
{
    public static RouteGroupBuilder MapWarehousesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/warehouses").WithTags("Tenancy").RequireAuthorization();

        group.MapGet("/", async ([FromQuery(Name = "branch_id")] Guid? branchId, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Warehouses.AsNoTracking();
            if (branchId is { } b) query = query.Where(w => w.BranchId == b);
            return TypedResults.Ok(await query.OrderBy(w => w.Code).Select(WarehouseDto.Projection).ToListAsync(ct));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<WarehouseDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Warehouses.Where(w => w.Id == id).Select(WarehouseDto.Projection).FirstOrDefaultAsync(ct) is { } w
                ? TypedResults.Ok(w) : TypedResults.NotFound());
        group.MapPost("/", Create).RequireAuthorization(Permissions.BranchesManage);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.BranchesManage);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.BranchesManage);
        return group;
    }

    private static async Task<Results<Created<WarehouseDto>, ValidationProblem, ProblemHttpResult>> Create(WarehouseRequest request, TillDbContext db, CancellationToken ct)
    {
        if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId, ct)) return Problems.Validation("branch_id", "No branch with this id.");
        if (await db.Warehouses.AnyAsync(w => w.Code == request.Code, ct))
            return Problems.Conflict($"A warehouse with code '{request.Code}' already exists.", new Dictionary<string, object?> { ["field"] = "code" });
        var warehouse = new Warehouse { BranchId = request.BranchId!.Value, Code = request.Code!, Name = request.Name!, Kind = request.Kind!.Value, IsActive = request.IsActive };
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/warehouses/{warehouse.Id}", WarehouseDto.From(warehouse));
    }

    private static async Task<Results<Ok<WarehouseDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, WarehouseRequest request, TillDbContext db, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warehouse is null) return TypedResults.NotFound();
        if (!await db.Branches.AnyAsync(b => b.Id == request.BranchId, ct)) return Problems.Validation("branch_id", "No branch with this id.");
        if (warehouse.Code != request.Code && await db.Warehouses.AnyAsync(w => w.Code == request.Code, ct))
            return Problems.Conflict($"A warehouse with code '{request.Code}' already exists.", new Dictionary<string, object?> { ["field"] = "code" });
        warehouse.BranchId = request.BranchId!.Value;
        warehouse.Code = request.Code!;
        warehouse.Name = request.Name!;
        warehouse.Kind = request.Kind!.Value;
        warehouse.IsActive = request.IsActive;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WarehouseDto.From(warehouse));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, TillDbContext db, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warehouse is null) return TypedResults.NotFound();
        if (warehouse.IsDefault) return Problems.Conflict("This is the branch's default warehouse; every branch needs one.");
        db.Warehouses.Remove(warehouse);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
