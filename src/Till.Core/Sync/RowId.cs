using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Till.Core.Sync;

/// <summary>
/// New row ids: version 7 UUIDs (RFC 9562), a millisecond timestamp then 74 random bits, so ids made
/// one after another sort roughly by time and index well, and any device can make them offline
/// without ever colliding. The same layout as <see cref="Guid.CreateVersion7()"/>, whose random bits
/// cost a system call per id on Linux (a sale makes a dozen ids, a push of 100 sales over a thousand):
/// here each thread draws them from the cryptographic generator 4 KiB at a time.
/// </summary>
public static class RowId
{
    private const int IdBytes = 16;
    private const int BufferBytes = 4096;

    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _used;

    /// <summary>A new id stamped with the current time.</summary>
    public static Guid New() => New(DateTimeOffset.UtcNow);

    /// <summary>A new id stamped with <paramref name="timestamp"/> (milliseconds since 1970; earlier times are refused).</summary>
    public static Guid New(DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));
        var random = NextRandom();
        // Fields as Guid(int, short, short, byte, ...) takes them: 48 bits of time, the version nibble (7) with
        // 12 random bits, the variant bits (10) with 6 random bits, then 7 random bytes.
        return new Guid(
            (int)(milliseconds >> 16),
            (short)milliseconds,
            (short)((BinaryPrimitives.ReadUInt16LittleEndian(random) & 0x0FFF) | 0x7000),
            (byte)((random[2] & 0x3F) | 0x80),
            random[3], random[4], random[5], random[6], random[7], random[8], random[9]);
    }

    private static ReadOnlySpan<byte> NextRandom()
    {
        var buffer = _random;
        if (buffer is null || _used == BufferBytes)
        {
            buffer = _random ??= new byte[BufferBytes];
            RandomNumberGenerator.Fill(buffer);
            _used = 0;
        }
        var span = buffer.AsSpan(_used, IdBytes);
        _used += IdBytes;
        return span;
    }
}
