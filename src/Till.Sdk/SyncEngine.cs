using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Till.Core.Sync;

namespace Till.Sdk;

/// <summary>
/// Moves data between the local store and the server: pushes the outbox in FIFO batches, pulls
/// changes after the cursor (each page applied atomically with its cursor), bootstraps and resets
/// through the resumable snapshot. <see cref="Start"/> runs it on a timer with exponential backoff
/// and jitter; <see cref="Nudge"/> (a <c>changes.available</c> message) makes it pull at once.
/// </summary>
public sealed class SyncEngine : IAsyncDisposable
{
    private readonly LocalStore _store;
    private readonly TillApiClient _api;
    private readonly SyncEngineOptions _options;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly SemaphoreSlim _running = new(1, 1);
    private CancellationTokenSource? _loop;
    private Task? _loopTask;
    private volatile bool _pullWanted = true;
    private bool _online;
    private string? _lastError;
    private bool _stopped;

    /// <summary>Creates an engine over a store and a signed-in client.</summary>
    public SyncEngine(LocalStore store, TillApiClient api, SyncEngineOptions? options = null, TimeProvider? clock = null)
    {
        _store = store;
        _api = api;
        _options = options ?? new SyncEngineOptions();
        _clock = clock ?? TimeProvider.System;
        _store.Changed += RaiseStatus;
    }

    /// <summary>Raised whenever online state, queue length, issues or last sync change.</summary>
    public event Action<SyncStatus>? StatusChanged;

    /// <summary>Test-only sabotage: a failed push gives its mutations new numbers, as a client without idempotent numbering would.</summary>
    internal bool UnsafeRenumberOnFailure { get; set; }

    /// <summary>Test-only sabotage: the cursor jumps to the server's latest sequence instead of the last change applied.</summary>
    internal bool UnsafeCursorFromServerSeq { get; set; }

    /// <summary>Consecutive failed attempts (drives the backoff).</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>The current state for a sync indicator.</summary>
    public SyncStatus Status => new(_online, _store.QueueLength, _store.GetIssues().Count, _store.LastSyncAt, _lastError, _stopped);

    /// <summary>Loads the full scope of the device through the snapshot, resuming an unfinished one.</summary>
    public async Task BootstrapAsync(CancellationToken ct = default)
    {
        if (_store.SnapshotProgress() is null) _store.BeginSnapshot();
        if (_store.SnapshotProgress() is not var (after, upto)) return;

        // Pages download ahead while a thread of its own writes them, in order, each with its resume point. Writing a
        // page is synchronous SQLite work for tens of milliseconds: on a pool thread it starved the download (and on a
        // terminal, the local API) of threads, and with one page of look-ahead every slower page stalled the writer.
        var pages = Channel.CreateBounded<SnapshotPage>(new BoundedChannelOptions(SnapshotPagesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Task.Factory.StartNew(() => StorePages(pages.Reader, stop), CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        Exception? readFailure = null;
        try
        {
            while (true)
            {
                var page = await Call(() => _api.SnapshotAsync(after, upto, SnapshotPageSize, stop.Token));
                await pages.Writer.WriteAsync(page, stop.Token);
                if (!page.HasMore) break;
                (after, upto) = (page.NextAfter, page.Upto);
            }
        }
        catch (Exception e)
        {
            // The pages already downloaded are still written: a resumed bootstrap starts after them.
            readFailure = e;
        }

        pages.Writer.TryComplete();
        await writer; // a failed write comes first: it is what stopped the download
        if (readFailure is not null) ExceptionDispatchInfo.Throw(readFailure);
    }

    private void StorePages(ChannelReader<SnapshotPage> pages, CancellationTokenSource stop)
    {
        try
        {
            while (pages.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (pages.TryRead(out var page))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    _store.ApplySnapshotPage(page);
                }
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
    }

    /// <summary>Pushes the outbox until it is empty or a batch cannot complete; returns how many mutations got a final answer.</summary>
    public async Task<int> PushAsync(CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            var batch = _store.GetOutbox(_options.PushBatchSize);
            if (batch.Count == 0) return done;
            var remaining = _store.QueueLength - batch.Count;
            var request = new PushRequest(SyncProtocol.CurrentVersion,
                batch.Select(m => new SyncMutation(m.Seq, m.Kind, m.OccurredAt, m.Payload, m.BaseVersion)).ToList(), remaining);
            PushResponse response;
            try
            {
                response = await Call(() => _api.PushAsync(request, ct));
            }
            catch (TillApiException e)
            {
                _store.MarkAttempt(batch, e.Message);
                if (UnsafeRenumberOnFailure && e.IsTransient) _store.UnsafeRenumber(batch);
                throw;
            }

            var outcome = _store.ApplyPushResults(batch, response, Now);
            done += outcome.Done;
            if (outcome.Gap)
                throw new TillApiException(ApiErrorKind.Transient, null, $"The server is missing mutations before {batch[0].Seq} (it holds up to {response.LastAppliedSeq}).");
            if (outcome.Retry) throw new TillApiException(ApiErrorKind.Transient, null, "The server asked to retry later.");
            if (outcome.Done == 0) return done;
        }
    }

    /// <summary>Pulls until caught up; a 410 re-bootstraps through the snapshot, keeping the outbox.</summary>
    public async Task PullAsync(CancellationToken ct = default)
    {
        if (_store.SnapshotProgress() is not null)
        {
            await BootstrapAsync(ct);
        }

        while (true)
        {
            PullResponse page;
            try
            {
                page = await Call(() => _api.PullAsync(_store.Cursor, _options.PageSize, ct));
            }
            catch (TillApiException e) when (e.Kind == ApiErrorKind.Reset)
            {
                _store.BeginSnapshot();
                await BootstrapAsync(ct);
                continue;
            }

            _store.ApplyPullPage(UnsafeCursorFromServerSeq ? page with { NextCursor = page.ServerSeq } : page, Now);
            if (!page.HasMore) return;
        }
    }

    /// <summary>One full round: push everything, then pull everything.</summary>
    public async Task SyncAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            await PushAsync(ct);
            await PullAsync(ct);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Asks the engine to pull now (called on a <c>changes.available</c> message).</summary>
    public void Nudge()
    {
        _pullWanted = true;
        _signal.Release();
    }

    /// <summary>Starts the background loop.</summary>
    public void Start()
    {
        if (_loopTask is not null) return;
        _loop = new CancellationTokenSource();
        _loopTask = Task.Run(() => RunAsync(_loop.Token));
    }

    /// <summary>Stops the background loop and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_loop is null || _loopTask is null) return;
        await _loop.CancelAsync();
        try
        {
            await _loopTask;
        }
        catch (OperationCanceledException)
        {
        }

        _loop.Dispose();
        _loop = null;
        _loopTask = null;
    }

    /// <summary>The delay before the next attempt after <paramref name="failures"/> consecutive failures.</summary>
    public TimeSpan Backoff(int failures)
    {
        if (failures <= 0) return _options.PushInterval;
        var exponential = _options.BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(exponential, _options.BackoffMax.TotalMilliseconds);
        var jitter = 0.5 + _options.Random.NextDouble();
        return TimeSpan.FromMilliseconds(Math.Min(capped * jitter, _options.BackoffMax.TotalMilliseconds));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _store.Changed -= RaiseStatus;
        _signal.Dispose();
        _running.Dispose();
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private int SnapshotPageSize => _options.SnapshotPageSize ?? _options.PageSize;

    /// <summary>Snapshot pages downloaded ahead of the one being written (each is one parsed JSON document in memory).</summary>
    private const int SnapshotPagesAhead = 4;

    private async Task RunAsync(CancellationToken ct)
    {
        var lastPull = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            if (!_stopped)
            {
                try
                {
                    await _running.WaitAsync(ct);
                    try
                    {
                        await PushAsync(ct);
                        if (_pullWanted || Now - lastPull >= _options.PullInterval)
                        {
                            _pullWanted = false;
                            await PullAsync(ct);
                            lastPull = Now;
                        }
                    }
                    finally
                    {
                        _running.Release();
                    }
                }
                catch (TillApiException)
                {
                    // Recorded by Call; the backoff below spaces the next attempt.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ConsecutiveFailures++;
                    SetState(false, e.Message);
                }
            }

            var delay = Backoff(ConsecutiveFailures);
            if (Now - lastPull + delay > _options.PullInterval) delay = TimeSpan.FromTicks(Math.Max(0, (_options.PullInterval - (Now - lastPull)).Ticks));
            await _signal.WaitAsync(delay, ct).ConfigureAwait(false);
        }
    }

    private async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            ConsecutiveFailures = 0;
            SetState(true, null);
            return result;
        }
        catch (TillApiException e)
        {
            ConsecutiveFailures++;
            if (e.Kind is ApiErrorKind.Forbidden or ApiErrorKind.UpgradeRequired or ApiErrorKind.Permanent or ApiErrorKind.Unauthorized) _stopped = true;
            SetState(e.Kind != ApiErrorKind.Transient, e.Message);
            throw;
        }
    }

    private void SetState(bool online, string? error)
    {
        _online = online;
        _lastError = error;
        RaiseStatus();
    }

    private void RaiseStatus()
    {
        if (StatusChanged is { } handler) handler(Status);
    }
}
