using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Sync;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Customers;

internal sealed record CustomerDto(
    Guid Id, string Code, string Name, string? Phone, string? Email, string? Address, DateOnly? Birthday, string? Notes,
    decimal LoyaltyBalance, decimal TotalPurchases, int Visits, DateTime? LastVisitAt, long Version, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CustomerDto From(Customer c, CustomerTotalsDto t) => new(
        c.Id, c.Code, c.Name, c.Phone, c.Email, c.Address, c.Birthday, c.Notes, t.LoyaltyBalance, t.TotalPurchases, t.Visits, t.LastVisitAt,
        c.Version, c.CreatedAt, c.UpdatedAt);
}

internal sealed record CustomerRequest
{
    /// <summary>Optional; one is generated (e.g. C-1A2B3C4D) when omitted.</summary>
    [StringLength(32, MinimumLength = 1)] public string? Code { get; init; }
    [Required, StringLength(200, MinimumLength = 1)] public string? Name { get; init; }
    [StringLength(32), RegularExpression(@"^\+?[0-9 ()-]{3,32}$", ErrorMessage = "Use digits, spaces, '+', '(', ')' and '-'.")] public string? Phone { get; init; }
    [StringLength(200), EmailAddress] public string? Email { get; init; }
    [StringLength(500)] public string? Address { get; init; }
    public DateOnly? Birthday { get; init; }
    [StringLength(1000)] public string? Notes { get; init; }
}

internal sealed record LoyaltyRequest
{
    [Required] public LoyaltyEntryType? Type { get; init; }

    /// <summary>Positive for earn and redeem (the ledger applies the sign); signed for adjust.</summary>
    [Required, Range(typeof(decimal), "-100000000", "100000000")] public decimal? Points { get; init; }
    [StringLength(500)] public string? Notes { get; init; }
}

internal sealed record LoyaltyEntryDto(Guid Id, LoyaltyEntryType Type, decimal Points, string? ReferenceType, Guid? ReferenceId, string? Notes, Guid? UserId, DateTime CreatedAt);

internal sealed record LoyaltyPostedDto(LoyaltyEntryDto Entry, decimal Balance);

internal static class CustomersApi
{
    private static readonly SortMap<Customer> Sorts = new SortMap<Customer>("name")
        .Add("name", c => c.Name).Add("code", c => c.Code).Add("created_at", c => c.CreatedAt).Add("birthday", c => c.Birthday);

    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Permissions.CustomersView);

        group.MapGet("/", async Task<Results<Ok<PagedResponse<CustomerDto>>, ValidationProblem>> ([AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
        {
            var query = db.Customers.AsNoTracking();
            if (page.SearchTerm is { } s)
            {
                var like = $"%{s.ToLowerInvariant()}%";
                query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), like) || EF.Functions.Like(c.Code.ToLower(), like)
                    || (c.Phone != null && EF.Functions.Like(c.Phone, like)) || (c.Email != null && EF.Functions.Like(c.Email.ToLower(), like)));
            }

            if (!Sorts.TryApply(query, page.Sort, out query)) return (ValidationProblem)Sorts.UnknownField(page.Sort);
            var result = await query.ToPageAsync(page, ct);
            var totals = await CustomerTotals.ForAsync(db, [.. result.Data.Select(c => c.Id)], ct);
            return TypedResults.Ok(new PagedResponse<CustomerDto>([.. result.Data.Select(c => CustomerDto.From(c, totals[c.Id]))], result.Meta));
        });
        group.MapGet("/{id:guid}", async Task<Results<Ok<CustomerDto>, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
            await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c
                ? TypedResults.Ok(CustomerDto.From(c, (await CustomerTotals.ForAsync(db, [id], ct))[id])) : TypedResults.NotFound());
        group.MapPost("/", Create).RequireAuthorization(Permissions.CustomersWrite);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.CustomersWrite);
        group.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, TillDbContext db, CancellationToken ct) =>
        {
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (customer is null) return TypedResults.NotFound();
            db.Customers.Remove(customer);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.CustomersWrite);

        group.MapGet("/{id:guid}/loyalty", async Task<Results<Ok<PagedResponse<LoyaltyEntryDto>>, NotFound>> (Guid id, [AsParameters] PageQuery page, TillDbContext db, CancellationToken ct) =>
        {
            if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
            return TypedResults.Ok(await db.LoyaltyEntries.AsNoTracking().Where(e => e.CustomerId == id).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .Select(e => new LoyaltyEntryDto(e.Id, e.Type, e.Points, e.ReferenceType, e.ReferenceId, e.Notes, e.UserId, e.CreatedAt)).ToPageAsync(page, ct));
        });
        group.MapPost("/{id:guid}/loyalty", PostPoints).RequireAuthorization(Permissions.CustomersWrite);
        return group;
    }

    private static async Task<Results<Created<CustomerDto>, ProblemHttpResult>> Create(CustomerRequest request, TillDbContext db, CancellationToken ct)
    {
        var (customer, clash) = await CreateAsync(db, RowId.New(), request, ct);
        if (clash is not null) return CodeTaken(clash);
        return TypedResults.Created($"/api/customers/{customer!.Id}", CustomerDto.From(customer, new CustomerTotalsDto(0, 0, 0, null)));
    }

    private static async Task<Results<Ok<CustomerDto>, NotFound, ProblemHttpResult>> Update(Guid id, CustomerRequest request, TillDbContext db, CancellationToken ct)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return TypedResults.NotFound();
        if (await UpdateAsync(db, customer, request, ct) is { } clash) return CodeTaken(clash);
        return TypedResults.Ok(CustomerDto.From(customer, (await CustomerTotals.ForAsync(db, [id], ct))[id]));
    }

    /// <summary>Creates a customer (the REST API and <c>customer.upsert</c>); returns the clashing code when it is taken.</summary>
    internal static async Task<(Customer? Customer, string? CodeClash)> CreateAsync(TillDbContext db, Guid id, CustomerRequest request, CancellationToken ct)
    {
        var code = request.Code?.Trim() ?? $"C-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
        if (await db.Customers.AnyAsync(c => c.Code == code, ct)) return (null, code);
        var customer = new Customer { Id = id, Code = code, Name = request.Name!.Trim() };
        Apply(customer, request);
        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(customer).State = EntityState.Detached;
            return (null, code);
        }

        return (customer, null);
    }

    /// <summary>Writes <paramref name="request"/> onto <paramref name="customer"/>; returns the clashing code when it is taken.</summary>
    internal static async Task<string?> UpdateAsync(TillDbContext db, Customer customer, CustomerRequest request, CancellationToken ct)
    {
        var code = request.Code?.Trim() ?? customer.Code;
        if (code != customer.Code && await db.Customers.AnyAsync(c => c.Code == code, ct)) return code;
        customer.Code = code;
        customer.Name = request.Name!.Trim();
        Apply(customer, request);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static async Task<Results<Created<LoyaltyPostedDto>, NotFound, ValidationProblem, ProblemHttpResult>> PostPoints(
        Guid id, LoyaltyRequest request, TillDbContext db, LoyaltyLedger ledger, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        if (request.Points == 0) return Problems.Validation("points", "Points must not be zero.");
        if (request.Type != LoyaltyEntryType.Adjust && request.Points < 0) return Problems.Validation("points", "Give a positive number; redeem subtracts it.");
        try
        {
            var (entry, balance) = await ledger.PostAsync(id, request.Type!.Value, request.Points!.Value, request.Notes, ct: ct);
            return TypedResults.Created($"/api/customers/{id}/loyalty",
                new LoyaltyPostedDto(new LoyaltyEntryDto(entry.Id, entry.Type, entry.Points, entry.ReferenceType, entry.ReferenceId, entry.Notes, entry.UserId, entry.CreatedAt), balance));
        }
        catch (InsufficientPointsException e)
        {
            return Problems.Unprocessable(e.Message, new Dictionary<string, object?> { ["balance"] = e.Balance });
        }
    }

    private static void Apply(Customer customer, CustomerRequest request)
    {
        customer.Phone = Blank(request.Phone);
        customer.Email = Blank(request.Email)?.ToLowerInvariant();
        customer.Address = Blank(request.Address);
        customer.Birthday = request.Birthday;
        customer.Notes = Blank(request.Notes);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult CodeTaken(string code) =>
        Problems.Conflict($"The customer code '{code}' is already used.", new Dictionary<string, object?> { ["field"] = "code", ["value"] = code });
}
