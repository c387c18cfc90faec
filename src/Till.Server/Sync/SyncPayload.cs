using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Till.Server.Data;

namespace Till.Server.Sync;

/// <summary>How a synced row travels to devices: its scalar properties as snake_case JSON, minus [NotSynced] ones.</summary>
internal static class SyncPayload
{
    internal static readonly JsonSerializerOptions Json = CreateJson();
    private static readonly ConcurrentDictionary<Type, string> Names = new();
    private static readonly ConcurrentDictionary<PropertyInfo, bool> Excluded = new();

    /// <summary>snake_case entity name used on the wire: <c>StockLevel</c> becomes <c>stock_level</c>.</summary>
    public static string EntityName(Type type) => Names.GetOrAdd(type, t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name));

    /// <summary>The row's <c>data</c>: its synced, non-null properties (see <see cref="IsEnvelope"/>).</summary>
    public static string Serialize(EntityEntry entry) => EntryJson.Write(entry, Json, IsSynced, skipNulls: true);

    /// <summary>The same for a new row that is not tracked.</summary>
    public static string Serialize(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, object row) => EntryJson.Write(type, row, null, Json, IsSynced, skipNulls: true);

    /// <summary>Which properties a row's <c>data</c> holds.</summary>
    internal static readonly Func<Microsoft.EntityFrameworkCore.Metadata.IProperty, bool> IsSynced =
        p => !(p.PropertyInfo is { } info && IsExcluded(info)) && !IsEnvelope(p.Name);

    /// <summary>
    /// Carried by the change record itself (entity, version, deleted) or implied by the token
    /// (tenant): left out of <c>data</c>, as are null fields, to keep bootstrap pages small.
    /// A device replaces its copy of a row with each change's data, so a missing field is null.
    /// </summary>
    public static bool IsEnvelope(string property) =>
        property is nameof(SyncEntity.TenantId) or nameof(SyncEntity.Version) or nameof(SyncEntity.IsDeleted);

    public static bool IsExcluded(PropertyInfo property) => Excluded.GetOrAdd(property, p => p.GetCustomAttribute<NotSyncedAttribute>() is not null);

    private static JsonSerializerOptions CreateJson()
    {
        var o = new JsonSerializerOptions();
        Api.ApiServiceCollectionExtensions.ConfigureJson(o);
        return o;
    }
}
