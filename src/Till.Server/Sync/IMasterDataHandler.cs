using System.Text.Json;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>
/// A handler for versioned master data (customers, products, ...). A push whose base version is
/// not the current one is a conflict: the device's write still wins (last write wins) and the
/// conflict is recorded; <see cref="ApplyDataAsync"/> lets a manager re-resolve it later.
/// </summary>
internal interface IMasterDataHandler : ISyncMutationHandler
{
    /// <summary>The synced entity this handler writes (snake_case, as in the change log).</summary>
    string EntityType { get; }

    /// <summary>Writes <paramref name="data"/> (the entity's fields as devices see them) onto the entity.</summary>
    Task ApplyDataAsync(TillDbContext db, Guid entityId, JsonElement data, CancellationToken ct);
}
