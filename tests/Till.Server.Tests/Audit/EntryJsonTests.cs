using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Till.Server.Data;

namespace Till.Server.Tests.Audit;

/// <summary>
/// <see cref="EntryJson"/> writes a row's properties straight to JSON, reading most of them through typed getters:
/// its text must stay exactly what serialising a dictionary of the same values gives, for every mapped type.
/// </summary>
public sealed class EntryJsonTests
{
    private static readonly JsonSerializerOptions Snake = new() { DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions Api = Till.Server.Sync.SyncPayload.Json;
    private static readonly Func<IProperty, bool> ClassProperties = p => !p.IsShadowProperty();

    public static TheoryData<string> Types()
    {
        var data = new TheoryData<string>();
        foreach (var type in Model().GetEntityTypes().Where(t => !t.ClrType.IsAbstract && !t.HasSharedClrType)) data.Add(type.ClrType.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Write_GivesTheSameTextAsADictionaryOfTheValues(string typeName)
    {
        var type = Model().GetEntityTypes().Single(t => t.ClrType.FullName == typeName);
        foreach (var filled in new[] { true, false })
        {
            var row = Sample(type, filled);
            foreach (var options in new[] { Snake, Api })
            foreach (var skipNulls in new[] { true, false })
            {
                var expected = new Dictionary<string, object?>();
                foreach (var property in type.GetProperties().Where(ClassProperties))
                {
                    var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                    if (value is null && skipNulls) continue;
                    expected[property.Name] = value;
                }
                Assert.Equal(JsonSerializer.Serialize(expected, options), EntryJson.Write(type, row, null, options, ClassProperties, skipNulls));
            }
        }
    }

    private static IModel Model() => ModelCache.Value;

    private static readonly Lazy<IModel> ModelCache = new(() =>
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        return db.Model;
    });

    /// <summary>A row whose every settable class property holds a value of its type (or, not <paramref name="filled"/>, null where it may).</summary>
    private static object Sample(IEntityType type, bool filled)
    {
        var row = RuntimeHelpers.GetUninitializedObject(type.ClrType);
        var n = 0;
        foreach (var property in type.GetProperties().Where(ClassProperties))
        {
            if (property.PropertyInfo is not { CanWrite: true } info) continue;
            var clr = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
            var nullable = !info.PropertyType.IsValueType || Nullable.GetUnderlyingType(info.PropertyType) is not null;
            n++;
            object? value = !filled && nullable ? null
                : clr == typeof(string) ? $"text \"{n}\" <é>"
                : clr == typeof(Guid) ? Guid.CreateVersion7()
                : clr == typeof(decimal) ? 1234.5678m * n
                : clr == typeof(int) ? -n
                : clr == typeof(long) ? 9_000_000_000L + n
                : clr == typeof(bool) ? n % 2 == 0
                : clr == typeof(DateTime) ? new DateTime(2026, 11, 24, 9, 30, n % 60, 123, DateTimeKind.Utc)
                : clr == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 11, 24, 9, 30, n % 60, TimeSpan.FromHours(7))
                : clr.IsEnum ? Enum.GetValues(clr).GetValue(Enum.GetValues(clr).Length - 1)
                : null;
            if (value is null && !nullable) continue;
            info.SetValue(row, value);
        }
        return row;
    }
}
