using Till.Core.Sync;

namespace Till.Core.Tests.Sync;

public sealed class RowIdTests
{
    [Fact]
    public void New_IsAVersion7UuidOfTheRfcVariant()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var id = RowId.New();
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, id.Variant >> 2);
        }
    }

    [Fact]
    public void New_CarriesItsTimestamp_AsGuidCreateVersion7Does()
    {
        var at = new DateTimeOffset(2026, 11, 24, 9, 30, 15, 123, TimeSpan.Zero);
        var ours = RowId.New(at).ToString();
        var framework = Guid.CreateVersion7(at).ToString();
        // The first 48 bits (12 hex digits, "xxxxxxxx-xxxx") are the Unix time in milliseconds, then the version digit.
        Assert.Equal(framework[..13], ours[..13]);
        Assert.Equal('7', ours[14]);
    }

    [Fact]
    public void New_SortsByTimeAcrossMilliseconds()
    {
        var earlier = RowId.New(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var later = RowId.New(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_001));
        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
    }

    [Fact]
    public void New_NeverRepeats_AcrossThreadsAndBufferRefills()
    {
        // Several threads, each well past one 4 KiB buffer of random bytes (256 ids).
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 5_000; i++) ids.Add(RowId.New());
        });
        Assert.Equal(40_000, ids.Distinct().Count());
    }

    [Fact]
    public void New_RandomBitsDiffer_WithinOneMillisecond()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        var ids = Enumerable.Range(0, 1_000).Select(_ => RowId.New(at)).ToList();
        Assert.Equal(1_000, ids.Distinct().Count());
        // Each of the 74 random bits is set in some id and clear in another (none is stuck).
        var bytes = ids.Select(id => id.ToByteArray(bigEndian: true)).ToList();
        for (var bit = 48; bit < 128; bit++)
        {
            if (bit is >= 48 and < 52 or 64 or 65) continue; // version and variant
            var set = bytes.Count(b => (b[bit / 8] & (0x80 >> (bit % 8))) != 0);
            Assert.InRange(set, 1, 999);
        }
    }

    [Fact]
    public void New_RefusesATimeBefore1970()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RowId.New(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
    }
}
