namespace Till.Server.Orders;

/// <summary>
/// Group commit for online sales. A tenant's sales that reach this node while one of its sales is being
/// written wait, and are then written together by one of them: one transaction, one round trip for their
/// numbers and stock levels, one for their rows, change log and <c>COMMIT</c>. A sale that finds nothing
/// being written goes at once, alone, so a quiet shop waits for nobody; when sixteen tills post in the same
/// instant, the database does the fixed work of a transaction (statements, locks, the commit) a few times
/// instead of sixteen.
/// </summary>
/// <remarks>
/// One lane per tenant: sales of different tenants never share a transaction (nor wait for each other).
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
    /// At most this many sales in one transaction: a batch holds the stock levels it touches and, at its end, the
    /// tenant's commit lock, and a very large one would hold them longer than a sale should wait.
    /// </summary>
    public const int MaxBatch = 64;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Lane> _lanes = new();

    /// <summary>
    /// Writes <paramref name="sale"/>: now, with <paramref name="write"/> (this request's own writer), when the
    /// tenant's lane is free; otherwise once the batch being written has committed, together with every sale
    /// that queued meanwhile, by the writer of whichever of them leads.
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
            if (lane.Writing)
            {
                lane.Waiting.Add(waiter);
                batch = [];
            }
            else
            {
                lane.Writing = true;
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

        // The lane passes to the first sale that queued while this batch was written, with the others that did
        // (up to a batch's worth: the rest wait for the next turn).
        List<Waiter>? next = null;
        lock (lane)
        {
            if (lane.Waiting.Count == 0) lane.Writing = false;
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

    /// <summary>How many of the tenant's sales wait for the batch being written to commit.</summary>
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
        public bool Writing;
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
