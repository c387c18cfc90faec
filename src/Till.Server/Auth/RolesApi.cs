using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Auth;

internal sealed record RoleDto(Guid Id, string Name, string? Description, bool IsBuiltIn, IReadOnlyList<string> Permissions, long Version)
{
    public static RoleDto From(Role r) => new(r.Id, r.Name, r.Description, r.IsBuiltIn, r.Permissions, r.Version);
}

internal sealed record RoleRequest : IValidatableObject
{
    [Required, StringLength(64, MinimumLength = 2), RegularExpression("^[a-z0-9_.-]+$", ErrorMessage = "Use lower-case letters, digits, '_', '.' or '-'.")]
    public string? Name { get; init; }

    [StringLength(500)]
    public string? Description { get; init; }

    [Required]
    public List<string>? Permissions { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var p in Permissions ?? [])
        {
            if (!Till.Core.Identity.Permissions.IsKnown(p))
                yield return new ValidationResult($"'{p}' is not a permission. Known: {string.Join(", ", Till.Core.Identity.Permissions.All)}.", [nameof(Permissions)]);
        }
    }
}

internal static class RolesApi
{
    public static RouteGroupBuilder MapRolesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/roles").WithTags("Users").RequireAuthorization(Permissions.UsersManage);

        group.MapGet("/", async (TillDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct)).Select(RoleDto.From).ToList()));
        group.MapGet("/permissions", () => TypedResults.Ok(Permissions.All));
        group.MapGet("/{id:guid}", async Task<Results<Ok<RoleDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r ? TypedResults.Ok(RoleDto.From(r)) : TypedResults.NotFound());
        group.MapPost("/", Create);
        group.MapPut("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Delete);
        return group;
    }

    private static async Task<Results<Created<RoleDto>, ProblemHttpResult>> Create(RoleRequest request, TillDbContext db, CancellationToken ct)
    {
        var name = request.Name!;
        if (BuiltInRoles.IsBuiltIn(name) || await db.Roles.AnyAsync(r => r.Name == name, ct))
            return Problems.Conflict($"A role named '{name}' already exists.", new Dictionary<string, object?> { ["field"] = "name" });
        var role = new Role { Name = name, Description = request.Description, Permissions = [.. request.Permissions!.Distinct()] };
        db.Roles.Add(role);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/roles/{role.Id}", RoleDto.From(role));
    }

    private static async Task<Results<Ok<RoleDto>, NotFound, ProblemHttpResult>> Update(Guid id, RoleRequest request, TillDbContext db, CancellationToken ct)
    {
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null) return TypedResults.NotFound();
        if (role.IsBuiltIn) return Problems.Unprocessable("Built-in roles cannot be changed. Create a custom role instead.");
        if (role.Name != request.Name && await db.Roles.AnyAsync(r => r.Name == request.Name, ct))
            return Problems.Conflict($"A role named '{request.Name}' already exists.", new Dictionary<string, object?> { ["field"] = "name" });
        role.Name = request.Name!;
        role.Description = request.Description;
        role.Permissions = [.. request.Permissions!.Distinct()];
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RoleDto.From(role));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, TillDbContext db, CancellationToken ct)
    {
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null) return TypedResults.NotFound();
        if (role.IsBuiltIn) return Problems.Unprocessable("Built-in roles cannot be deleted.");
        var users = await db.Users.CountAsync(u => u.RoleId == id, ct);
        if (users > 0) return Problems.Conflict($"{users} user(s) still have this role. Give them another role first.");
        db.Roles.Remove(role);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
