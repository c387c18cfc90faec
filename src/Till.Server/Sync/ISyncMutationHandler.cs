namespace Till.Server.Sync;

/// <summary>
/// Applies one kind of device intent (e.g. <c>order.complete</c>) authoritatively on the server.
/// Features register theirs with <c>services.AddSyncMutation&lt;T&gt;()</c>. The handler writes through the
/// context's DbContext (the processor saves and commits); it throws <see cref="MutationRejectedException"/>
/// for input it can never accept.
/// </summary>
internal interface ISyncMutationHandler
{
    /// <summary>The mutation kind this handler applies.</summary>
    string Kind { get; }

    /// <summary>The permission the pushing user needs, or null when any device user may.</summary>
    string? Permission { get; }

    Task<MutationOutcome> ApplyAsync(MutationContext context, CancellationToken ct);
}

/// <summary>
/// A handler that can also apply a run of consecutive mutations of its kind from one push at once,
/// with the same effects as applying them one by one. It throws (like <see cref="ISyncMutationHandler.ApplyAsync"/>)
/// when any of them cannot be applied; the processor then applies the run one by one, so each
/// refusal is answered alone.
/// </summary>
internal interface IBatchMutationHandler : ISyncMutationHandler
{
    Task<IReadOnlyList<MutationOutcome>> ApplyManyAsync(IReadOnlyList<MutationContext> contexts, CancellationToken ct);
}

/// <summary>What a handler reports back: the result to store and return, and a conflict when there was one.</summary>
internal sealed record MutationOutcome(object? Result, SyncConflict? Conflict = null)
{
    public static MutationOutcome Applied(object? result = null) => new(result);
}

/// <summary>A mutation that can never be applied (malformed, unknown reference, not allowed). Stored and never retried.</summary>
internal sealed class MutationRejectedException(string reason) : Exception(reason);
