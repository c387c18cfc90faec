namespace Till.Server.Orders;

/// <summary>
/// Group commit for online sales. A tenant's sales that reach this node while its writers are busy wait, and
/// are then written together by one of them: one transaction of three round trips for the lot (their numbers;
/// their rows and then their stock levels; their movements, change log and <c>COMMIT</c>). A sale that finds a
/// writer free goes at once, alone, so a quiet shop waits for nobody; when sixteen tills post in the same instant, the database does the fixed
/// work of a transaction (statements, locks, the commit) a few times instead of sixteen.
/// </summary>
/// <remarks>
/// One lane per tenant: sales of different tenants never share a transaction (nor wait for each other). A lane
/// has <see cref="Writers"/> writers, so that one batch is prepared and sent while the other is in the database,
/// and a batch takes at most <see cref="MaxBatch"/> sales: when many arrive at once, the first batches are
/// written while the last sales are still being priced, instead of one large batch at the end that keeps one
/// database core busy while the rest of the machine waits. Two batches of a tenant side by side take their
/// tills' counters in till order and their stock levels in key order, as two nodes' batches always could, so
/// neither waits on the other crosswise.
/// A batch that fails on a deadlock or serialization error rolled back whole; each of its sales is then
/// written again alone (<see cref="Outcome.WriteAlone"/>). Any other failure is every sale's failure, as it
/// would have been for each alone.
/// </remarks>
internal sealed class SaleCombiner
{
    /// <summary>What became of a sale handed to <see cref="WriteAsync"/>.</summary>
    public enum Outcome
    {
        /// <summary>Committed, with the others of its batch.</summary>
        Written,

        /// <summary>Its batch was rolled back (a deadlock, say): write it again by itself.</summary>
        WriteAlone,
    }

    /// <summary>
    /// At most this many sales in one transaction. Small batches pipeline: with sixteen tills posting in the same
    /// instant, batches of up to 8 on two writers had the median sale answered about 2 ms sooner than one writer with
    /// one batch of everything that had queued (docs/benchmarks.md), and a batch holds the stock levels it touches, and at its end the tenant's commit
    /// lock, for less time.
    /// </summary>
    public const int MaxBatch = 8;

    /// <summary>How many batches of a tenant this node writes at the same time (each on its own connection).</summary>
    public const int Writers = 2;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Lane> _lanes = new();

    /// <summary>
    /// Writes <paramref name="sale"/>: now, with <paramref name="write"/> (this request's own writer), when one of
    /// the tenant's writers is free; otherwise once a batch being written has committed, together with the sales
    /// that queued before it (up to <see cref="MaxBatch"/>), by the writer of whichever of them leads.
    /// </summary>
    /// <param name="write">Writes a batch of sales in one transaction (this sale's own among them) and commits.</param>
    /// <param name="retryAlone">Whether a failed batch rolled back whole, so that each of its sales may be written again by itself.</param>
    public async Task<Outcome> WriteAsync<TSale>(Guid tenantId, TSale sale, Func<IReadOnlyList<TSale>, Task> write, Func<Exception, bool> retryAlone)
        where TSale : class
    {
        var lane = _lanes.GetOrAdd(tenantId, _ => new Lane());
        var waiter = new Waiter(sale);
        List<Waiter> batch;
        lock (lane)
        {
            if (lane.Writing == Writers)
            {
                lane.Waiting.Add(waiter);
                batch = [];
            }
            else
            {
                lane.Writing++;
                batch = [waiter];
            }
        }
        if (batch.Count == 0)
        {
            var turn = await waiter.Turn.Task;
            if (turn.Batch is null)
                return turn.Again ? Outcome.WriteAlone
                    : turn.Failure is null ? Outcome.Written
                    : throw new InvalidOperationException("Writing the sales taken together with this one failed.", turn.Failure);
            batch = turn.Batch;
        }

        Interlocked.Increment(ref lane.Batches);
        Exception? failure = null;
        try
        {
            await write([.. batch.Select(w => (TSale)w.Sale)]);
        }
        catch (Exception e)
        {
            failure = e;
        }

        // This writer passes to the first sale that queued while its batch was written, with the ones behind it
        // (up to a batch's worth: the rest wait for the next writer to finish).
        List<Waiter>? next = null;
        lock (lane)
        {
            if (lane.Waiting.Count == 0) lane.Writing--;
            else
            {
                next = lane.Waiting[..Math.Min(lane.Waiting.Count, MaxBatch)];
                lane.Waiting.RemoveRange(0, next.Count);
            }
        }
        next?[0].Turn.SetResult(new Turn(next, null));

        var again = failure is not null && batch.Count > 1 && retryAlone(failure);
        foreach (var other in batch.Skip(1)) other.Turn.SetResult(new Turn(null, again ? null : failure, again));
        if (failure is null) return Outcome.Written;
        if (again) return Outcome.WriteAlone;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return Outcome.WriteAlone;
    }

    /// <summary>How many of the tenant's sales wait for a writer.</summary>
    public int Queued(Guid tenantId)
    {
        if (!_lanes.TryGetValue(tenantId, out var lane)) return 0;
        lock (lane) return lane.Waiting.Count;
    }

    /// <summary>How many batches this node has written for the tenant (a sale alone is a batch of one).</summary>
    public long Batches(Guid tenantId) => _lanes.TryGetValue(tenantId, out var lane) ? Interlocked.Read(ref lane.Batches) : 0;

    private sealed class Lane
    {
        public long Batches;
        /// <summary>How many of its writers are busy.</summary>
        public int Writing;
        public List<Waiter> Waiting = [];
    }

    /// <summary>A queued sale; its turn says whether it leads the next batch, was written, or must go again alone.</summary>
    private sealed class Waiter(object sale)
    {
        public object Sale { get; } = sale;
        public TaskCompletionSource<Turn> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Turn(List<Waiter>? Batch, Exception? Failure, bool Again = false);
}
