using System.Text.Json;
using Till.Core.Sync;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Sync;

/// <summary>Everything a handler needs to apply one mutation.</summary>
internal sealed class MutationContext(TillDbContext db, Device device, SyncMutation mutation, TimeProvider clock)
{
    public TillDbContext Db { get; } = db;
    public Device Device { get; } = device;
    public SyncMutation Mutation { get; } = mutation;
    public TimeProvider Clock { get; } = clock;
    public Guid TenantId => Device.TenantId;
    public Guid BranchId => Device.BranchId;
    public Guid? UserId => Db.Tenant.UserId;

    /// <summary>Reads the payload as <typeparamref name="T"/>, rejecting the mutation when it does not fit.</summary>
    public T Payload<T>() where T : class
    {
        if (Mutation.Payload.ValueKind is not JsonValueKind.Object) throw new MutationRejectedException("The payload must be a JSON object.");
        try
        {
            return Mutation.Payload.Deserialize<T>(SyncPayload.Json)
                ?? throw new MutationRejectedException("The payload is empty.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "payload" : e.Path.TrimStart('$', '.');
            throw new MutationRejectedException($"The payload is malformed at '{field}'.");
        }
    }

    /// <summary>
    /// A conflict when the device edited a version other than <paramref name="current"/>'s; call it
    /// before writing, so the server's side is recorded as it was.
    /// </summary>
    public SyncConflict? DetectConflict(SyncEntity current, string entityType) =>
        Mutation.BaseVersion is { } baseVersion && baseVersion != current.Version
            ? new SyncConflict
            {
                TenantId = current.TenantId, EntityType = entityType, EntityId = current.Id, BaseVersion = baseVersion, ServerVersion = current.Version,
                ServerData = ChangeLogWriter.Serialize(Db, current), ClientData = Mutation.Payload.GetRawText(),
            }
            : null;

    /// <summary>Validates <paramref name="request"/> with the same data annotations the REST API uses.</summary>
    public T Validate<T>(T request) where T : class
    {
        var payload = request;
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!Api.RequestValidator.TryValidate(payload, results))
            throw new MutationRejectedException(string.Join(" ", results.Select(r => r.ErrorMessage)));
        return payload;
    }
}
