using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Till.Server.Api;
using Till.Server.Data;

namespace Till.Server.Sync;

internal sealed record ResolveConflictRequest : IValidatableObject
{
    [Required] public Guid? ConflictId { get; init; }

    /// <summary><c>keep_server</c>, <c>take_client</c> or <c>merged</c>.</summary>
    [Required] public string? Resolution { get; init; }

    /// <summary>For <c>merged</c>: the fields to keep.</summary>
    public JsonElement? Data { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Resolution is not null and not ("keep_server" or "take_client" or "merged"))
            yield return new ValidationResult("Use keep_server, take_client or merged.", [nameof(Resolution)]);
        if (Resolution == "merged" && Data is not { ValueKind: JsonValueKind.Object })
            yield return new ValidationResult("A merged resolution needs the merged fields as an object.", [nameof(Data)]);
    }
}

internal static class ConflictResolver
{
    /// <summary>Re-resolves a recorded conflict; the chosen values are written as a new server change that devices pull.</summary>
    public static async Task<Results<Ok<ConflictDto>, NotFound, ProblemHttpResult>> Resolve(
        ResolveConflictRequest request, TillDbContext db, IEnumerable<ISyncMutationHandler> handlers, TimeProvider clock, CancellationToken ct)
    {
        var conflict = await db.SyncConflicts.FirstOrDefaultAsync(c => c.Id == request.ConflictId, ct);
        if (conflict is null) return TypedResults.NotFound();
        var handler = handlers.OfType<IMasterDataHandler>().FirstOrDefault(h => h.EntityType == conflict.EntityType);
        if (handler is null) return Problems.Unprocessable($"Conflicts on '{conflict.EntityType}' cannot be re-resolved.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        switch (request.Resolution)
        {
            case "keep_server":
                await handler.ApplyDataAsync(db, conflict.EntityId, JsonDocument.Parse(conflict.ServerData).RootElement, ct);
                conflict.Resolution = ConflictResolution.KeepServer;
                break;
            case "merged":
                await handler.ApplyDataAsync(db, conflict.EntityId, request.Data!.Value, ct);
                conflict.Resolution = ConflictResolution.Merged;
                break;
            default:
                // The device's write is what the entity already holds.
                conflict.Resolution = ConflictResolution.TakeClient;
                break;
        }

        conflict.IsReviewed = true;
        conflict.ResolvedBy = db.Tenant.UserId;
        conflict.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(ConflictDto.From(conflict));
    }
}

internal sealed record ConflictDto(
    Guid Id, Guid DeviceId, long MutationSeq, string EntityType, Guid EntityId, long BaseVersion, long ServerVersion,
    JsonElement ServerData, JsonElement ClientData, ConflictResolution Resolution, bool IsReviewed, Guid? ResolvedBy, DateTime CreatedAt, DateTime? ResolvedAt)
{
    public static ConflictDto From(SyncConflict c) => new(c.Id, c.DeviceId, c.MutationSeq, c.EntityType, c.EntityId, c.BaseVersion, c.ServerVersion,
        JsonDocument.Parse(c.ServerData).RootElement.Clone(), JsonDocument.Parse(c.ClientData).RootElement.Clone(),
        c.Resolution, c.IsReviewed, c.ResolvedBy, c.CreatedAt, c.ResolvedAt);
}
