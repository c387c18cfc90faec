using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    public static string Write(IEntityType type, object entity, EntityEntry? entry, JsonSerializerOptions options, Func<IProperty, bool> include, bool skipNulls) =>
        Encoding.UTF8.GetString(WriteUtf8(type, entity, entry, options, include, skipNulls));

    /// <summary>The same JSON as UTF-8, in a buffer of this thread's that the next call overwrites: copy it before then.</summary>
    public static ReadOnlySpan<byte> WriteUtf8(IEntityType type, object entity, EntityEntry? entry, JsonSerializerOptions options, Func<IProperty, bool> include, bool skipNulls)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var field in FieldsOf(type, options, include)) field.Write(writer, entity, entry, options, skipNulls);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan;
    }

    private static Field[] FieldsOf(IEntityType type, JsonSerializerOptions options, Func<IProperty, bool> include) =>
        Fields.GetOrAdd(include, static _ => new()).GetOrAdd((type, options.DictionaryKeyPolicy), static (key, state) =>
            [.. key.Item1.GetProperties().Where(state.include).Select(p => Field.For(p,
                JsonEncodedText.Encode(key.Item2?.ConvertName(p.Name) ?? p.Name, state.options.Encoder)))], (include, options));

    /// <summary>One property's member of the object: its name, then its value read and written without boxing where the type allows.</summary>
    private abstract class Field(JsonEncodedText name)
    {
        protected JsonEncodedText Name { get; } = name;

        /// <summary>Writes the member, or nothing for a null value with <paramref name="skipNulls"/>.</summary>
        public abstract void Write(Utf8JsonWriter writer, object entity, EntityEntry? entry, JsonSerializerOptions options, bool skipNulls);

        /// <summary>
        /// A property of the class itself gets a typed getter (its value is never boxed: a sale's rows carry a few
        /// dozen amounts, ids and times, each read for its audit entry and its change-log row); a shadow property is
        /// read from the tracked entry, a field-only one through Entity Framework's getter.
        /// </summary>
        public static Field For(IProperty property, JsonEncodedText name) =>
            property.PropertyInfo is { GetMethod: { } getter } info && info.PropertyType == property.ClrType && !getter.IsStatic
                ? (Field)Activator.CreateInstance(typeof(TypedField<,>).MakeGenericType(info.DeclaringType!, info.PropertyType), name, getter)!
                : new BoxedField(name, property, property.IsShadowProperty() ? null : property.GetGetter());
    }

    private sealed class TypedField<TEntity, TValue>(JsonEncodedText name, System.Reflection.MethodInfo getter) : Field(name)
        where TEntity : class
    {
        private readonly Func<TEntity, TValue> _get = getter.CreateDelegate<Func<TEntity, TValue>>();

        public override void Write(Utf8JsonWriter writer, object entity, EntityEntry? entry, JsonSerializerOptions options, bool skipNulls)
        {
            var value = _get((TEntity)entity);
            if (value is null)
            {
                if (!skipNulls) writer.WriteNull(Name);
                return;
            }
            // Each test is decided when the method is compiled for TValue: one branch is left.
            if (typeof(TValue) == typeof(string)) writer.WriteString(Name, (string)(object)value);
            else if (typeof(TValue) == typeof(Guid)) writer.WriteString(Name, Unsafe.As<TValue, Guid>(ref value));
            else if (typeof(TValue) == typeof(Guid?)) writer.WriteString(Name, Unsafe.As<TValue, Guid?>(ref value)!.Value);
            else if (typeof(TValue) == typeof(decimal)) writer.WriteNumber(Name, Unsafe.As<TValue, decimal>(ref value));
            else if (typeof(TValue) == typeof(decimal?)) writer.WriteNumber(Name, Unsafe.As<TValue, decimal?>(ref value)!.Value);
            else if (typeof(TValue) == typeof(int)) writer.WriteNumber(Name, Unsafe.As<TValue, int>(ref value));
            else if (typeof(TValue) == typeof(int?)) writer.WriteNumber(Name, Unsafe.As<TValue, int?>(ref value)!.Value);
            else if (typeof(TValue) == typeof(long)) writer.WriteNumber(Name, Unsafe.As<TValue, long>(ref value));
            else if (typeof(TValue) == typeof(long?)) writer.WriteNumber(Name, Unsafe.As<TValue, long?>(ref value)!.Value);
            else if (typeof(TValue) == typeof(bool)) writer.WriteBoolean(Name, Unsafe.As<TValue, bool>(ref value));
            else if (typeof(TValue) == typeof(bool?)) writer.WriteBoolean(Name, Unsafe.As<TValue, bool?>(ref value)!.Value);
            else if (typeof(TValue) == typeof(DateTime)) writer.WriteString(Name, Unsafe.As<TValue, DateTime>(ref value));
            else if (typeof(TValue) == typeof(DateTime?)) writer.WriteString(Name, Unsafe.As<TValue, DateTime?>(ref value)!.Value);
            else if (typeof(TValue) == typeof(DateTimeOffset)) writer.WriteString(Name, Unsafe.As<TValue, DateTimeOffset>(ref value));
            else if (typeof(TValue) == typeof(DateTimeOffset?)) writer.WriteString(Name, Unsafe.As<TValue, DateTimeOffset?>(ref value)!.Value);
            else
            {
                // Anything else (an enum) as the options say: names or numbers.
                writer.WritePropertyName(Name);
                JsonSerializer.Serialize(writer, value, options);
            }
        }
    }

    /// <summary>A shadow or field-only property: read as an object, written by the serializer (rare; no typed getter to call).</summary>
    private sealed class BoxedField(JsonEncodedText name, IProperty property, IClrPropertyGetter? getter) : Field(name)
    {
        public override void Write(Utf8JsonWriter writer, object entity, EntityEntry? entry, JsonSerializerOptions options, bool skipNulls)
        {
            var value = getter is not null ? getter.GetClrValueUsingContainingEntity(entity)
                : entry is not null ? entry.Property(property.Name).CurrentValue
                : throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property: an untracked row cannot be written.");
            if (value is null && skipNulls) return;
            writer.WritePropertyName(Name);
            if (value is null) writer.WriteNullValue();
            else JsonSerializer.Serialize(writer, value, value.GetType(), options);
        }
    }
}
