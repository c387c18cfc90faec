using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Auth;

internal sealed record UserDto(
    Guid Id, string Username, string FullName, string? Email, Guid RoleId, Guid? BranchId, bool IsActive,
    bool HasPin, DateTime? LastLoginAt, DateTime CreatedAt, DateTime UpdatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<User, UserDto>> Projection = u => new UserDto(
        u.Id, u.Username, u.FullName, u.Email, u.RoleId, u.BranchId, u.IsActive, u.PinHash != null,
        u.LastLoginAt, u.CreatedAt, u.UpdatedAt, u.Version);

    public static readonly Func<User, UserDto> From = Projection.Compile();
}

internal sealed record UserListQuery
{
    [FromQuery(Name = "role_id")] public Guid? RoleId { get; init; }
    [FromQuery(Name = "branch_id")] public Guid? BranchId { get; init; }
    [FromQuery(Name = "is_active")] public bool? IsActive { get; init; }
}

internal sealed record CreateUserRequest
{
    [Required, StringLength(64, MinimumLength = 2), RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Use letters, digits, '.', '_' or '-'.")]
    public string? Username { get; init; }

    [Required, StringLength(200)]
    public string? FullName { get; init; }

    [EmailAddress, StringLength(254)]
    public string? Email { get; init; }

    [Required, StringLength(200, MinimumLength = 8)]
    public string? Password { get; init; }

    [RegularExpression("^[0-9]{4,8}$", ErrorMessage = "A PIN is 4 to 8 digits.")]
    public string? Pin { get; init; }

    [Required]
    public Guid? RoleId { get; init; }

    public Guid? BranchId { get; init; }
    public bool IsActive { get; init; } = true;
}

internal sealed record UpdateUserRequest
{
    [Required, StringLength(200)]
    public string? FullName { get; init; }

    [EmailAddress, StringLength(254)]
    public string? Email { get; init; }

    [Required]
    public Guid? RoleId { get; init; }

    public Guid? BranchId { get; init; }

    [Required]
    public bool? IsActive { get; init; }
}

internal sealed record SetPasswordRequest
{
    [Required, StringLength(200, MinimumLength = 8)]
    public string? Password { get; init; }
}

internal sealed record SetPinRequest
{
    /// <summary>4 to 8 digits; null removes the PIN.</summary>
    [RegularExpression("^[0-9]{4,8}$", ErrorMessage = "A PIN is 4 to 8 digits.")]
    public string? Pin { get; init; }
}

internal static class UsersApi
{
    private static readonly SortMap<User> Sorts = new SortMap<User>("username")
        .Add("username", u => u.Username).Add("full_name", u => u.FullName)
        .Add("created_at", u => u.CreatedAt).Add("last_login_at", u => u.LastLoginAt);

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Permissions.UsersManage);

        group.MapGet("/", List);
        group.MapGet("/{id:guid}", async Task<Results<Ok<UserDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Users.Where(u => u.Id == id).Select(UserDto.Projection).FirstOrDefaultAsync(ct) is { } u
                ? TypedResults.Ok(u) : TypedResults.NotFound());
        group.MapPost("/", Create);
        group.MapPut("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Delete);
        group.MapPut("/{id:guid}/password", SetPassword);
        group.MapPut("/{id:guid}/pin", SetPin);
        return group;
    }

    private static async Task<Results<Ok<PagedResponse<UserDto>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, [AsParameters] UserListQuery filter, TillDbContext db, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (page.SearchTerm is { } s)
        {
            var like = $"%{s.ToLowerInvariant()}%";
            query = query.Where(u => EF.Functions.Like(u.Username, like) || EF.Functions.Like(u.FullName.ToLower(), like)
                || (u.Email != null && EF.Functions.Like(u.Email.ToLower(), like)));
        }

        if (filter.RoleId is { } role) query = query.Where(u => u.RoleId == role);
        if (filter.BranchId is { } branch) query = query.Where(u => u.BranchId == branch);
        if (filter.IsActive is { } active) query = query.Where(u => u.IsActive == active);
        if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
        return TypedResults.Ok(await query.Select(UserDto.Projection).ToPageAsync(page, ct));
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var username = request.Username!.Trim().ToLowerInvariant();
        if (await ValidateReferencesAsync(db, request.RoleId!.Value, request.BranchId, ct) is { } invalid) return invalid;
        if (await db.Users.AnyAsync(u => u.Username == username, ct))
            return Problems.Conflict($"The username '{username}' is already taken.", new Dictionary<string, object?> { ["field"] = "username" });

        var user = new User
        {
            Username = username,
            FullName = request.FullName!.Trim(),
            Email = request.Email?.Trim(),
            PasswordHash = PasswordHasher.Hash(request.Password!),
            PinHash = request.Pin is null ? null : PasswordHasher.Hash(request.Pin),
            RoleId = request.RoleId.Value,
            BranchId = request.BranchId,
            IsActive = request.IsActive,
            PasswordChangedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{user.Id}", UserDto.From(user));
    }

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateUserRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.NotFound();
        if (await ValidateReferencesAsync(db, request.RoleId!.Value, request.BranchId, ct) is { } invalid) return invalid;
        if (user.Id == db.Tenant.UserId && request.IsActive == false)
            return Problems.Unprocessable("You cannot disable your own account.");

        user.FullName = request.FullName!.Trim();
        user.Email = request.Email?.Trim();
        user.RoleId = request.RoleId.Value;
        user.BranchId = request.BranchId;
        user.IsActive = request.IsActive!.Value;
        await db.SaveChangesAsync(ct);
        if (!user.IsActive) await AuthApi.RevokeAllForUserAsync(db, user.Id, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(UserDto.From(user));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Guid id, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.NotFound();
        if (user.Id == db.Tenant.UserId) return Problems.Unprocessable("You cannot delete your own account.");
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        await AuthApi.RevokeAllForUserAsync(db, user.Id, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> SetPassword(
        Guid id, SetPasswordRequest request, TillDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        user.PasswordHash = PasswordHasher.Hash(request.Password!);
        user.PasswordChangedAt = now;
        await db.SaveChangesAsync(ct);
        // A new password ends every session that used the old one.
        await AuthApi.RevokeAllForUserAsync(db, user.Id, now, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> SetPin(Guid id, SetPinRequest request, TillDbContext db, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.NotFound();
        user.PinHash = request.Pin is null ? null : PasswordHasher.Hash(request.Pin);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> ValidateReferencesAsync(TillDbContext db, Guid roleId, Guid? branchId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Roles.AnyAsync(r => r.Id == roleId, ct)) errors["role_id"] = ["No role with this id."];
        if (branchId is { } b && !await db.Branches.AnyAsync(x => x.Id == b, ct)) errors["branch_id"] = ["No branch with this id."];
        return errors.Count == 0 ? null : Problems.Validation(errors);
    }
}
