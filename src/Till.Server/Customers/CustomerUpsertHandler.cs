using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Till.Core.Identity;
using Till.Core.Sync.Mutations;
using Till.Server.Data;
using Till.Server.Sync;

namespace Till.Server.Customers;

/// <summary><c>customer.upsert</c> from a till: master data, versioned, last write wins with the conflict recorded.</summary>
internal sealed class CustomerUpsertHandler : IMasterDataHandler
{
    public string Kind => MutationKinds.CustomerUpsert;
    public string? Permission => Permissions.CustomersWrite;
    public string EntityType => "customer";

    public async Task<MutationOutcome> ApplyAsync(MutationContext context, CancellationToken ct)
    {
        var payload = context.Payload<CustomerUpsert>();
        var request = context.Validate(new CustomerRequest
        {
            Code = string.IsNullOrWhiteSpace(payload.Code) ? null : payload.Code, Name = payload.Name, Phone = payload.Phone, Email = payload.Email,
            Address = payload.Address, Birthday = payload.Birthday, Notes = payload.Notes,
        });
        var id = payload.CustomerId;
        var db = context.Db;

        var existing = await db.Customers.IgnoreQueryFilters(TillDbContext.SoftDeleteOnly).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (existing is null)
        {
            var (created, clash) = await CustomersApi.CreateAsync(db, id, request, ct);
            if (clash is not null) throw new MutationRejectedException($"The customer code '{clash}' is already used by another customer.");
            return MutationOutcome.Applied(new { id, version = created!.Version, code = created.Code });
        }

        if (existing.IsDeleted) throw new MutationRejectedException("The customer was deleted on the server.");
        var conflict = context.DetectConflict(existing, EntityType);

        if (await CustomersApi.UpdateAsync(db, existing, request, ct) is { } taken)
            throw new MutationRejectedException($"The customer code '{taken}' is already used by another customer.");
        return new MutationOutcome(new { id, version = existing.Version, code = existing.Code }, conflict);
    }

    public async Task ApplyDataAsync(TillDbContext db, Guid entityId, JsonElement data, CancellationToken ct)
    {
        var request = data.Deserialize<CustomerRequest>(SyncPayload.Json) ?? throw new InvalidOperationException("No data.");
        var customer = await db.Customers.FirstAsync(c => c.Id == entityId, ct);
        if (await CustomersApi.UpdateAsync(db, customer, request, ct) is { } taken)
            throw new InvalidOperationException($"The customer code '{taken}' is already used.");
    }
}
