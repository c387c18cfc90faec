using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Till.Core.Sync;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Sync;

/// <summary>
/// Applies a device's batch: in mutation-number order, each mutation exactly once. The device's
/// last applied number and each stored answer commit in the same transaction as the effects, so a
/// lost response followed by a retry yields "duplicate" with the first answer, never a second effect.
/// </summary>
internal sealed partial class PushProcessor(
    TillDbContext db, IEnumerable<ISyncMutationHandler> handlers, ChangeFeed feed, BulkSaver bulk, TimeProvider clock, ILogger<PushProcessor> logger)
{
    private readonly Dictionary<string, ISyncMutationHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    private const string Savepoint = "till_mutation";

    /// <summary>The attempt without savepoints met a mutation that must be refused or retried alone.</summary>
    private sealed class SlowPathNeededException : Exception;

    public IReadOnlyCollection<string> Kinds => _handlers.Keys;

    /// <summary>
    /// Applies the batch. First without savepoints (a batch where everything applies, the usual
    /// case, then costs no savepoint round trips and no subtransactions: PostgreSQL slows every
    /// session down once a transaction holds more than 64 of them); if any mutation is refused or
    /// fails, that attempt is rolled back whole and the batch runs again with a savepoint per
    /// mutation, so the refused one is answered alone and the others still apply.
    /// </summary>
    public async Task<PushResponse> PushAsync(Device device, PushRequest request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var mutations = request.Mutations.OrderBy(m => m.Seq).ToList();
        try
        {
            if (mutations.Count > 1)
            {
                try
                {
                    return await PushOnceAsync(device, request, mutations, savepoints: false, started, ct);
                }
                catch (SlowPathNeededException)
                {
                    db.ChangeTracker.Clear();
                    db.TakeEvents();
                }
            }

            return await PushOnceAsync(device, request, mutations, savepoints: true, started, ct);
        }
        finally
        {
            db.DeferredChangeLog = null;
        }
    }

    private async Task<PushResponse> PushOnceAsync(Device device, PushRequest request, List<SyncMutation> mutations, bool savepoints, long started, CancellationToken ct)
    {
        var results = new List<MutationResult>(mutations.Count);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Our savepoints, not EF's one per SaveChanges: a failed mutation rolls back alone.
        db.Database.AutoSavepointsEnabled = false;
        // Without savepoints (nothing is rolled back in part) the push's change-log rows wait in memory and go
        // in last, numbered as they are inserted under the tenant's commit lock (PostgreSQL).
        db.DeferredChangeLog = !savepoints && db.Provider == DatabaseProvider.Postgres ? [] : null;
        await RowLocks.PushAsync(db, device.TenantId, device.Id, exclusive: savepoints, ct);
        var state = await LoadStateAsync(device, ct);

        var seqs = mutations.Where(m => m.Seq <= state.LastAppliedSeq).Select(m => m.Seq).ToList();
        var stored = seqs.Count == 0 ? [] : await db.AppliedMutations.AsNoTracking()
            .Where(a => a.DeviceId == device.Id && seqs.Contains(a.Seq)).ToDictionaryAsync(a => a.Seq, ct);

        string? transientError = null;
        for (var index = 0; index < mutations.Count; index++)
        {
            var mutation = mutations[index];
            if (mutation.Seq <= state.LastAppliedSeq)
            {
                results.Add(stored.TryGetValue(mutation.Seq, out var first)
                    ? ToDuplicate(first)
                    : new MutationResult(mutation.Seq, MutationStatus.Duplicate, Reason: "Applied earlier; its answer is no longer kept."));
                Count(counts, MutationStatus.Duplicate);
                continue;
            }

            if (transientError is not null)
            {
                results.Add(new MutationResult(mutation.Seq, MutationStatus.Retry, Reason: transientError));
                continue;
            }

            if (mutation.Seq != state.LastAppliedSeq + 1)
            {
                results.Add(new MutationResult(mutation.Seq, MutationStatus.Gap,
                    Reason: $"Mutation {state.LastAppliedSeq + 1} has not arrived; mutations apply in order without gaps."));
                Count(counts, MutationStatus.Gap);
                continue;
            }

            // A run of consecutive mutations of a kind that applies set-based (a till's offline sales)
            // goes at once; anything refused in it sends the whole push down the one-by-one path.
            if (!savepoints && _handlers.GetValueOrDefault(mutation.Kind) is IBatchMutationHandler batch && Run(mutations, index) is { Count: > 1 } run)
            {
                foreach (var applied in await ApplyRunAsync(device, batch, run, ct))
                {
                    results.Add(applied);
                    Count(counts, applied.Status);
                }
                Forget();
                index += run.Count - 1;
                state = await LoadStateAsync(device, ct);
                state.LastAppliedSeq = run[^1].Seq;
                continue;
            }

            if (savepoints) await transaction.CreateSavepointAsync(Savepoint, ct);
            var (result, transient) = await ApplyOneAsync(device, mutation, savepoints, ct);
            if (transient is not null)
            {
                if (!savepoints) throw new SlowPathNeededException();
                await transaction.RollbackToSavepointAsync(Savepoint, ct);
                db.ChangeTracker.Clear();
                transientError = transient;
                results.Add(new MutationResult(mutation.Seq, MutationStatus.Retry, Reason: transient));
                state = await LoadStateAsync(device, ct);
                continue;
            }

            results.Add(result!);
            Count(counts, result!.Status);
            if (savepoints) await transaction.ReleaseSavepointAsync(Savepoint, ct);
            Forget();
            state = await LoadStateAsync(device, ct);
            state.LastAppliedSeq = mutation.Seq;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        state.LastPushAt = now;
        state.ReportedQueueLength = request.QueueLength;
        if (transientError is not null)
        {
            state.LastError = transientError;
            state.LastErrorAt = now;
        }

        db.SyncLogs.Add(new SyncLog
        {
            TenantId = device.TenantId,
            DeviceId = device.Id,
            Operation = "push",
            Received = mutations.Count,
            Applied = counts.GetValueOrDefault(MutationStatus.Applied) + counts.GetValueOrDefault(MutationStatus.Conflict),
            Duplicates = counts.GetValueOrDefault(MutationStatus.Duplicate),
            Conflicts = counts.GetValueOrDefault(MutationStatus.Conflict),
            Rejected = counts.GetValueOrDefault(MutationStatus.Rejected) + counts.GetValueOrDefault(MutationStatus.Gap),
            Cursor = state.LastAppliedSeq,
            DurationMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Error = transientError,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        var committed = await bulk.PublishDeferredAndCommitAsync(db, ct);

        // A push that numbered change-log rows read the tenant's latest sequence under its commit lock (above any
        // purge floor, as the rows are new); otherwise it is read now.
        var serverSeq = committed.TryGetValue(device.TenantId, out var latest) ? latest : await feed.ServerSeqAsync(ct);
        return new PushResponse(results, state.LastAppliedSeq, serverSeq);
    }

    /// <summary>
    /// The mutations are saved: stop tracking their rows, or every later save of a 500-mutation
    /// batch would scan all earlier ones again.
    /// </summary>
    private void Forget()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not DeviceSyncState).ToList()) entry.State = EntityState.Detached;
    }

    /// <summary>The mutations from <paramref name="index"/> on that are of its kind and numbered one after another.</summary>
    private static List<SyncMutation> Run(List<SyncMutation> mutations, int index)
    {
        var run = new List<SyncMutation> { mutations[index] };
        for (var next = index + 1; next < mutations.Count && mutations[next].Kind == run[0].Kind && mutations[next].Seq == run[^1].Seq + 1; next++)
            run.Add(mutations[next]);
        return run;
    }

    /// <summary>Applies a run set-based, stores each answer and saves; any refusal or failure asks for the one-by-one path.</summary>
    private async Task<List<MutationResult>> ApplyRunAsync(Device device, IBatchMutationHandler handler, List<SyncMutation> run, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (handler.Permission is { } permission && !db.Tenant.HasPermission(permission)) throw new SlowPathNeededException();
        try
        {
            var outcomes = await handler.ApplyManyAsync([.. run.Select(m => new MutationContext(db, device, m, clock))], ct);
            var results = new List<MutationResult>(run.Count);
            var answers = new List<object>(run.Count);
            for (var i = 0; i < run.Count; i++)
            {
                results.Add(Answer(device, run[i], outcomes[i], now));
                answers.Add(Applied(device, run[i], results[i], now));
            }
            await bulk.InsertAsync(db, answers, ct);
            // Whatever the run left tracked (a recorded conflict, an order flagged after its insert).
            await bulk.SaveAsync(db, ct);
            return results;
        }
        catch (Exception e) when (e is MutationRejectedException or DbUpdateException || IsTransient(e))
        {
            throw new SlowPathNeededException();
        }
    }

    /// <summary>The answer to an applied mutation; a conflict is recorded with it.</summary>
    private MutationResult Answer(Device device, SyncMutation mutation, MutationOutcome outcome, DateTime now)
    {
        JsonElement? resultJson = outcome.Result is null ? null : JsonSerializer.SerializeToElement(outcome.Result, SyncPayload.Json);
        if (outcome.Conflict is not { } conflict) return new MutationResult(mutation.Seq, MutationStatus.Applied, resultJson);
        conflict.DeviceId = device.Id;
        conflict.MutationSeq = mutation.Seq;
        conflict.CreatedAt = now;
        db.SyncConflicts.Add(conflict);
        return new MutationResult(mutation.Seq, MutationStatus.Conflict, resultJson,
            Reason: $"Edited version {conflict.BaseVersion} but the server had {conflict.ServerVersion}; your change was applied (last write wins) and the conflict recorded.",
            ServerVersion: conflict.ServerVersion, ServerData: JsonDocument.Parse(conflict.ServerData).RootElement.Clone());
    }

    private async Task<(MutationResult? Result, string? Transient)> ApplyOneAsync(Device device, SyncMutation mutation, bool savepoints, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (!_handlers.TryGetValue(mutation.Kind, out var handler))
                throw new MutationRejectedException($"Unknown mutation kind '{mutation.Kind}'. Known: {string.Join(", ", _handlers.Keys.Order())}.");
            if (handler.Permission is { } permission && !db.Tenant.HasPermission(permission))
                throw new MutationRejectedException($"The signed-in user lacks the '{permission}' permission for {mutation.Kind}.");

            var outcome = await handler.ApplyAsync(new MutationContext(db, device, mutation, clock), ct);
            var result = Answer(device, mutation, outcome, now);
            Store(device, mutation, result, now);
            await db.SaveChangesAsync(ct);
            return (result, null);
        }
        catch (MutationRejectedException) when (!savepoints)
        {
            throw new SlowPathNeededException();
        }
        catch (DbUpdateException e) when (!savepoints && !IsTransient(e))
        {
            throw new SlowPathNeededException();
        }
        catch (MutationRejectedException e)
        {
            await db.Database.CurrentTransaction!.RollbackToSavepointAsync(Savepoint, ct);
            return (await RejectAsync(device, mutation, e.Message, now, ct), null);
        }
        catch (DbUpdateException e) when (!IsTransient(e))
        {
            // Roll back to the mutation's savepoint: it leaves nothing behind. Refuse it for good.
            await db.Database.CurrentTransaction!.RollbackToSavepointAsync(Savepoint, ct);
            LogRejectedByDatabase(logger, e, mutation.Kind, mutation.Seq, device.Id);
            return (await RejectAsync(device, mutation, "The change conflicts with data already on the server.", now, ct), null);
        }
        catch (Exception e) when (IsTransient(e))
        {
            LogTransient(logger, e, mutation.Kind, mutation.Seq, device.Id);
            return (null, "The server could not apply this mutation right now; it will be retried.");
        }
    }

    private async Task<MutationResult> RejectAsync(Device device, SyncMutation mutation, string reason, DateTime now, CancellationToken ct)
    {
        // Forget whatever the handler had staged; nothing of it was written.
        db.ChangeTracker.Clear();
        var state = await LoadStateAsync(device, ct);
        state.LastAppliedSeq = mutation.Seq;
        var result = new MutationResult(mutation.Seq, MutationStatus.Rejected, Reason: reason);
        Store(device, mutation, result, now);
        await db.SaveChangesAsync(ct);
        return result;
    }

    private void Store(Device device, SyncMutation mutation, MutationResult result, DateTime now) => db.AppliedMutations.Add(Applied(device, mutation, result, now));

    /// <summary>The stored answer to <paramref name="mutation"/>, which a retry gets back.</summary>
    private static AppliedMutation Applied(Device device, SyncMutation mutation, MutationResult result, DateTime now) => new()
    {
        DeviceId = device.Id,
        TenantId = device.TenantId,
        Seq = mutation.Seq,
        Kind = mutation.Kind.Length > 64 ? mutation.Kind[..64] : mutation.Kind,
        Status = result.Status,
        Result = result.Result?.GetRawText(),
        Reason = result.Reason is { Length: > 1000 } r ? r[..1000] : result.Reason,
        ServerVersion = result.ServerVersion,
        AppliedAt = now,
    };

    private async Task<DeviceSyncState> LoadStateAsync(Device device, CancellationToken ct)
    {
        var state = db.DeviceSyncStates.Local.FirstOrDefault(s => s.DeviceId == device.Id)
            ?? await db.DeviceSyncStates.FirstOrDefaultAsync(s => s.DeviceId == device.Id, ct);
        if (state is null)
        {
            state = new DeviceSyncState { DeviceId = device.Id, TenantId = device.TenantId };
            db.DeviceSyncStates.Add(state);
        }

        // The mutation after this one is numbered from the state, so keep it current in the transaction.
        return state;
    }

    private static MutationResult ToDuplicate(AppliedMutation first) => new(
        first.Seq, MutationStatus.Duplicate,
        first.Result is null ? null : JsonDocument.Parse(first.Result).RootElement.Clone(),
        Reason: first.Status == MutationStatus.Rejected ? first.Reason : $"Already {first.Status}.",
        ServerVersion: first.ServerVersion);

    private static bool IsTransient(Exception e) => e switch
    {
        TimeoutException => true,
        Npgsql.NpgsqlException { IsTransient: true } => true,
        Npgsql.PostgresException { SqlState: "40001" or "40P01" or "55P03" } => true,
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => true,
        _ when e.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };

    private static void Count(Dictionary<string, int> counts, string status) => counts[status] = counts.GetValueOrDefault(status) + 1;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mutation {Kind} #{Seq} of device {DeviceId} was refused by the database")]
    private static partial void LogRejectedByDatabase(ILogger logger, Exception exception, string kind, long seq, Guid deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mutation {Kind} #{Seq} of device {DeviceId} hit a transient error; the device will retry")]
    private static partial void LogTransient(ILogger logger, Exception exception, string kind, long seq, Guid deviceId);
}
