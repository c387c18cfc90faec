using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Till.Server.Data;
using Till.Server.Sync;

namespace Till.Server.Events;

/// <summary>
/// Hands committed events to the sinks. Sinks that must see a commit before its request answers
/// (<see cref="IDomainEventSink.BeforeAnswer"/>) get them at once; the others (the hub's nudges,
/// licence mail) get them from a background loop, so a checkout does not wait for hub sends (a
/// Redis round trip each, with the backplane) or for the read of the committed sequence.
/// </summary>
/// <remarks>
/// On PostgreSQL a change-log row numbered at commit (its insert saw a pending number) leaves its
/// change event without a sequence, so such events are given the tenant's latest committed sequence,
/// read after the commit; the loop takes every batch queued since its last turn and reads that once per
/// tenant, so under load many commits share one query. A unit of work whose change log was numbered on
/// insert (a sale, a push) brings the sequence with its events (<see cref="Data.BulkSaver"/>). Events queued when the server stops are still published.
/// </remarks>
internal sealed partial class DomainEventPublisher(IEnumerable<IDomainEventSink> sinks, IOptions<DatabaseOptions> database, ILogger<DomainEventPublisher> logger)
    : BackgroundService
{
    private readonly IDomainEventSink[] _beforeAnswer = [.. sinks.Where(s => s.BeforeAnswer)];
    private readonly IDomainEventSink[] _queued = [.. sinks.Where(s => !s.BeforeAnswer)];
    private readonly Channel<IReadOnlyList<DomainEvent>> _queue = Channel.CreateUnbounded<IReadOnlyList<DomainEvent>>(new() { SingleReader = true });
    private string? _connectionString;

    /// <summary>Publishes one commit's events: to the before-answer sinks now, to the others from the queue.</summary>
    public async Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        events = Coalesce(events);
        await DeliverAsync(_beforeAnswer, events, ct);
        if (_queued.Length > 0) _queue.Writer.TryWrite(events);
    }

    /// <summary>
    /// One change event per tenant for the commit, in the place of its first: a sale logs its order and each
    /// stock level it touched, and every event became a <c>changes.available</c> nudge to the branch's devices
    /// (through Redis with the backplane). Its sequence is known only if every part's is.
    /// </summary>
    internal static IReadOnlyList<DomainEvent> Coalesce(IReadOnlyList<DomainEvent> events)
    {
        if (events.Count(e => e is ChangesCommitted) < 2) return events;
        var merged = new List<DomainEvent>(events.Count);
        // Per tenant: where its event goes, its entries so far (a push raises hundreds) and its sequence if every part has one.
        var tenants = new Dictionary<Guid, (int At, List<ChangeLogEntry> Entries, long? Seq)>();
        foreach (var e in events)
        {
            if (e is not ChangesCommitted changes)
            {
                merged.Add(e);
            }
            else if (tenants.TryGetValue(changes.TenantId, out var tenant))
            {
                tenant.Entries.AddRange(changes.Entries);
                tenants[changes.TenantId] = tenant with { Seq = tenant.Seq is { } a && changes.CommittedSeq is { } b ? Math.Max(a, b) : null };
            }
            else
            {
                tenants[changes.TenantId] = (merged.Count, [.. changes.Entries], changes.CommittedSeq);
                merged.Add(changes);
            }
        }
        foreach (var (at, entries, seq) in tenants.Values)
            merged[at] = (ChangesCommitted)merged[at] with { Entries = entries, CommittedSeq = seq };
        return merged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken)) await PublishQueuedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // What was committed before the stop still goes out (the hub may already be gone: logged).
        _queue.Writer.TryComplete();
        await PublishQueuedAsync(CancellationToken.None);
    }

    private async Task PublishQueuedAsync(CancellationToken ct)
    {
        List<DomainEvent> events = [];
        while (_queue.Reader.TryRead(out var batch)) events.AddRange(batch);
        if (events.Count == 0) return;
        if (database.Value.Provider == DatabaseProvider.Postgres) events = await WithCommittedSequencesAsync(events, ct);
        await DeliverAsync(_queued, events, ct);
    }

    private async Task DeliverAsync(IDomainEventSink[] targets, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        foreach (var sink in targets)
        {
            try
            {
                await sink.PublishAsync(events, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The change is committed; a failed notification must not turn it into an error.
                LogSinkFailed(logger, e, sink.GetType().Name, events.Count);
            }
        }
    }

    /// <summary>
    /// Gives change events the tenant's latest committed sequence. If it cannot be read, change
    /// events are dropped (a nudge with a pending number would be wrong; devices still pull on
    /// their own schedule) and the rest are published.
    /// </summary>
    private async Task<List<DomainEvent>> WithCommittedSequencesAsync(List<DomainEvent> events, CancellationToken ct)
    {
        var tenants = events.Where(NeedsSequence).Select(e => e.TenantId).Distinct().ToArray();
        if (tenants.Length == 0) return events;
        var latest = new Dictionary<Guid, long>(tenants.Length);
        try
        {
            _connectionString ??= DataServiceCollectionExtensions.PostgresConnectionString(database.Value.ConnectionString!);
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            // One index probe per tenant (newest row of its (tenant_id, seq) index); pending rows are negative.
            command.CommandText = "SELECT t, coalesce((SELECT max(seq) FROM change_log WHERE tenant_id = t), 0) FROM unnest(@tenants) AS t";
            command.Parameters.AddWithValue("tenants", tenants);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) latest[reader.GetGuid(0)] = reader.GetInt64(1);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogSequenceUnavailable(logger, e, events.Count);
            return [.. events.Where(e => !NeedsSequence(e))];
        }

        return [.. events.Select(e => e switch
        {
            ChangesCommitted { CommittedSeq: null } changes => changes with { CommittedSeq = latest[changes.TenantId] },
            BulkChangesCommitted bulk => bulk with { LatestSeq = latest[bulk.TenantId] },
            _ => e,
        })];
    }

    /// <summary>A change event without its committed sequence (a unit of work whose change log was numbered at commit, or a bulk write).</summary>
    private static bool NeedsSequence(DomainEvent e) => e is ChangesCommitted { CommittedSeq: null } or BulkChangesCommitted;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event sink {Sink} failed to publish {Count} event(s)")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The committed change-log sequence could not be read; {Count} event(s) published without their change nudges")]
    private static partial void LogSequenceUnavailable(ILogger logger, Exception exception, int count);
}
