using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Till.Server.Data;

/// <summary>
/// Rows in PostgreSQL's binary <c>COPY</c> format (the protocol's "binary file format": a header, then per
/// row a field count and each field as a length and its type's binary send format, then a trailer), written
/// into a pooled buffer that <see cref="BulkSaver"/> hands to a raw binary copy stream in large pieces.
/// Npgsql's row importer binds a parameter for every value it writes (type resolution, size, an async step
/// each); for the sale rows a push copies (a few hundred rows of a dozen columns each) that was a sixth of
/// the push's CPU. Only the types the model stores are written here (see <see cref="Supports"/>); a table
/// with any other column is copied by Npgsql's importer.
/// </summary>
internal sealed class PgCopyBuffer(int capacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    /// <summary>PostgreSQL's timestamps and dates count from 2000-01-01.</summary>
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>How many bytes are waiting.</summary>
    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>
    /// Whether a column of <paramref name="storeType"/> (without its facets) holding <paramref name="clrType"/>
    /// values (nullable or not) is written here.
    /// </summary>
    public static bool Supports(string storeType, Type clrType) => (storeType, Nullable.GetUnderlyingType(clrType) ?? clrType) switch
    {
        ("uuid", var t) => t == typeof(Guid),
        ("text" or "character varying", var t) => t == typeof(string),
        ("numeric", var t) => t == typeof(decimal),
        ("timestamp with time zone", var t) => t == typeof(DateTime),
        ("boolean", var t) => t == typeof(bool),
        ("smallint", var t) => t == typeof(short),
        ("integer", var t) => t == typeof(int),
        ("bigint", var t) => t == typeof(long),
        ("date", var t) => t == typeof(DateOnly),
        ("time without time zone", var t) => t == typeof(TimeOnly),
        _ => false,
    };

    /// <summary><c>PGCOPY\n\377\r\n\0</c>.</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>The signature, no flags, no header extension.</summary>
    public void Header()
    {
        var span = Take(19);
        Signature.CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[11..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[15..], 0);
    }

    /// <summary>The end of the data.</summary>
    public void Trailer() => BinaryPrimitives.WriteInt16BigEndian(Take(2), -1);

    public void StartRow(int fields) => BinaryPrimitives.WriteInt16BigEndian(Take(2), checked((short)fields));

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Take(4), -1);

    public void Uuid(Guid value)
    {
        var span = Take(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        // The RFC 4122 byte order, as uuid_send writes it.
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    /// <summary>A string as the server's UTF-8.</summary>
    public void Text(string value)
    {
        var max = 4 + Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(max);
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    public void Bool(bool value)
    {
        var span = Take(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    public void Int16(short value)
    {
        var span = Take(6);
        BinaryPrimitives.WriteInt32BigEndian(span, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], value);
    }

    public void Int32(int value)
    {
        var span = Take(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void Int64(long value)
    {
        var span = Take(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    /// <summary>
    /// A UTC time as microseconds since 2000-01-01 (ticks below a microsecond dropped). As Npgsql does, the
    /// framework's smallest and largest values are -infinity and infinity, and a time that is not UTC is refused.
    /// </summary>
    public void TimestampTz(DateTime value)
    {
        if (value == DateTime.MinValue) Int64(long.MinValue);
        else if (value == DateTime.MaxValue) Int64(long.MaxValue);
        else if (value.Kind != DateTimeKind.Utc)
            throw new InvalidCastException($"Cannot write DateTime with Kind={value.Kind} to PostgreSQL type 'timestamp with time zone', only UTC is supported.");
        else Int64((value.Ticks - EpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>Days since 2000-01-01; the smallest and largest dates are -infinity and infinity.</summary>
    public void Date(DateOnly value) =>
        Int32(value == DateOnly.MinValue ? int.MinValue : value == DateOnly.MaxValue ? int.MaxValue : value.DayNumber - EpochDay);

    /// <summary>Microseconds since midnight.</summary>
    public void Time(TimeOnly value) => Int64(value.Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>
    /// numeric's send format: the number of base-10000 digits, the weight of the first (a power of 10000), the
    /// sign, the display scale (the decimal's scale), then the digits, most significant first, without leading
    /// or trailing zero digits.
    /// </summary>
    public void Numeric(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        // Whole base-10000 digits after the point: pad the fraction to a multiple of four decimal digits.
        var pad = (4 - scale % 4) % 4;
        for (var i = 0; i < pad; i++) mantissa *= 10;
        var fraction = (scale + pad) / 4;

        // At most 10^33 after padding: nine base-10000 digits; least significant first.
        Span<short> digits = stackalloc short[10];
        var count = 0;
        if (mantissa <= ulong.MaxValue)
        {
            for (var small = (ulong)mantissa; small != 0; small /= 10000) digits[count++] = (short)(small % 10000);
        }
        else
        {
            for (; mantissa != 0; mantissa /= 10000) digits[count++] = (short)(ulong)(mantissa % 10000);
        }
        var low = 0;
        while (low < count && digits[low] == 0) low++;
        var used = count - low;
        var weight = used == 0 ? 0 : count - fraction - 1;

        var span = Take(4 + 8 + 2 * used);
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + 2 * used);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)used);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], negative && used > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)scale);
        for (int i = count - 1, at = 12; i >= low; i--, at += 2) BinaryPrimitives.WriteInt16BigEndian(span[at..], digits[i]);
    }

    /// <summary>
    /// A value of one of the <see cref="Supports">supported</see> types, written without boxing: each test is decided
    /// when this is compiled for <typeparamref name="T"/>, one branch is left (any other type goes through <see cref="Value"/>).
    /// </summary>
    public void Write<T>(T value)
    {
        if (value is null) Null();
        else if (typeof(T) == typeof(Guid)) Uuid(Unsafe.As<T, Guid>(ref value));
        else if (typeof(T) == typeof(Guid?)) Uuid(Unsafe.As<T, Guid?>(ref value)!.Value);
        else if (typeof(T) == typeof(string)) Text((string)(object)value);
        else if (typeof(T) == typeof(decimal)) Numeric(Unsafe.As<T, decimal>(ref value));
        else if (typeof(T) == typeof(decimal?)) Numeric(Unsafe.As<T, decimal?>(ref value)!.Value);
        else if (typeof(T) == typeof(DateTime)) TimestampTz(Unsafe.As<T, DateTime>(ref value));
        else if (typeof(T) == typeof(DateTime?)) TimestampTz(Unsafe.As<T, DateTime?>(ref value)!.Value);
        else if (typeof(T) == typeof(bool)) Bool(Unsafe.As<T, bool>(ref value));
        else if (typeof(T) == typeof(bool?)) Bool(Unsafe.As<T, bool?>(ref value)!.Value);
        else if (typeof(T) == typeof(int)) Int32(Unsafe.As<T, int>(ref value));
        else if (typeof(T) == typeof(int?)) Int32(Unsafe.As<T, int?>(ref value)!.Value);
        else if (typeof(T) == typeof(long)) Int64(Unsafe.As<T, long>(ref value));
        else if (typeof(T) == typeof(long?)) Int64(Unsafe.As<T, long?>(ref value)!.Value);
        else Value(value);
    }

    /// <summary>A value of one of the <see cref="Supports">supported</see> types, boxed (a shadow property's).</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null: Null(); break;
            case Guid g: Uuid(g); break;
            case string s: Text(s); break;
            case decimal d: Numeric(d); break;
            case DateTime t: TimestampTz(t); break;
            case bool b: Bool(b); break;
            case short i: Int16(i); break;
            case int i: Int32(i); break;
            case long l: Int64(l); break;
            case DateOnly d: Date(d); break;
            case TimeOnly t: Time(t); break;
            default: throw new InvalidCastException($"A {value.GetType().Name} cannot be copied in binary here.");
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Span<byte> Take(int size)
    {
        Ensure(size);
        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    private void Ensure(int size)
    {
        if (_length + size <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
