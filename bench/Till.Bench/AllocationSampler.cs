using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Till.Bench;

/// <summary>
/// Which types the process allocates most, from the runtime's allocation sampling (one event per
/// ~100 KB allocated, naming the type that crossed the mark): a cheap way to see what dominates
/// allocation in a benchmark's measured window. On when <c>TILL_BENCH_ALLOCATIONS=1</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private volatile bool _recording;

    public static AllocationSampler? StartIfRequested() =>
        Environment.GetEnvironmentVariable("TILL_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;

    public void Record() => _recording = true;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is not "GCAllocationTick_V4" and not "GCAllocationTick_V3" || e.Payload is null) return;
        var index = e.PayloadNames!.IndexOf("TypeName");
        var amount = e.PayloadNames.IndexOf("AllocationAmount64");
        if (index < 0) return;
        var bytes = amount >= 0 ? Convert.ToInt64(e.Payload[amount], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate((string)e.Payload[index]!, bytes, (_, total) => total + bytes);
    }

    public void Report(int items)
    {
        _recording = false;
        Console.WriteLine($"Sampled allocations per item ({items:N0} items), top types:");
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(30))
            Console.WriteLine($"  {bytes / (double)items / 1024:F1} KiB  {type}");
    }
}
