using System.Diagnostics;

namespace Till.Bench;

/// <summary>Samples the process working set and the managed heap every 20 ms and keeps the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakHeap;

    public MemorySampler()
    {
        _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peakWorkingSet = Math.Max(_peakWorkingSet, process.WorkingSet64);
                _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { break; }
            }
        });
    }

    public long PeakWorkingSet => _peakWorkingSet;
    public long PeakHeap => _peakHeap;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
