using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Till.Server.Data;

/// <summary>
/// Writes a tracked row's properties as one JSON object (the change log's <c>data</c>, an audit
/// entry's values) straight to a <see cref="Utf8JsonWriter"/>: the same text as serialising a
/// dictionary of property name to value with <paramref name="options"/> (snake_case keys), without
/// building and boxing that dictionary for every saved row. Strings, ids, numbers, flags and times
/// are written directly; any other value (an enum) goes through the serializer with the options.
/// </summary>
internal static class EntryJson
{
    private sealed record Field(IProperty Property, JsonEncodedText Name, IClrPropertyGetter? Getter);

    /// <summary>
    /// The fields each (type, naming, filter) writes, the filter applied once: asking it for every property of
    /// every row (a dictionary lookup per attribute check) was 4 % of a push's CPU. Filters are static
    /// delegates, compared by reference.
    /// </summary>
    private static readonly ConcurrentDictionary<Func<IProperty, bool>, ConcurrentDictionary<(IEntityType, JsonNamingPolicy?), Field[]>> Fields =
        new(ReferenceEqualityComparer.Instance);

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    /// <param name="include">
    /// Which properties to write, decided once per property, type and naming: pass a delegate kept in a static
    /// field (the fields it selects are cached per delegate instance).
    /// </param>
    /// <param name="skipNulls">Leave out properties whose value is null.</param>
    public static string Write(EntityEntry entry, JsonSerializerOptions options, Func<IProperty, bool> include, bool skipNulls) =>
        Write(entry.Metadata, entry.Entity, entry, options, include, skipNulls);

    /// <summary>The same for a row that is not tracked (<paramref name="entry"/> null): it must have no shadow property.</summary>
    public static string Write(IEntityType type, object entity, EntityEntry? entry, JsonSerializerOptions options, Func<IProperty, bool> include, bool skipNulls)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var field in FieldsOf(type, options, include))
            {
                var value = field.Getter is not null ? field.Getter.GetClrValueUsingContainingEntity(entity)
                    : entry is not null ? entry.Property(field.Property.Name).CurrentValue
                    : throw new InvalidOperationException($"{type.DisplayName()}.{field.Property.Name} is a shadow property: an untracked row cannot be written.");
                if (value is null && skipNulls) continue;
                writer.WritePropertyName(field.Name);
                WriteValue(writer, value, options);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Field[] FieldsOf(IEntityType type, JsonSerializerOptions options, Func<IProperty, bool> include) =>
        Fields.GetOrAdd(include, static _ => new()).GetOrAdd((type, options.DictionaryKeyPolicy), static (key, state) =>
            [.. key.Item1.GetProperties().Where(state.include).Select(p => new Field(p,
                JsonEncodedText.Encode(key.Item2?.ConvertName(p.Name) ?? p.Name, state.options.Encoder),
                p.IsShadowProperty() ? null : p.GetGetter()))], (include, options));

    private static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case Guid g: writer.WriteStringValue(g); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case DateTime t: writer.WriteStringValue(t); break;
            case DateTimeOffset t: writer.WriteStringValue(t); break;
            default: JsonSerializer.Serialize(writer, value, value.GetType(), options); break;
        }
    }
}
