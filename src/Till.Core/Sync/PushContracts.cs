using System.Text.Json;

namespace Till.Core.Sync;

/// <summary>One business intent recorded on a device, numbered in the device's own series.</summary>
/// <param name="Seq">The device's mutation number: 1, 2, 3, ... with no gaps.</param>
/// <param name="Kind">The intent, e.g. <c>order.complete</c>, <c>stock.adjust</c>, <c>customer.upsert</c>.</param>
/// <param name="OccurredAt">Device time of the action (informational: the server orders by <paramref name="Seq"/>).</param>
/// <param name="Payload">The intent's data; its shape depends on <paramref name="Kind"/>.</param>
/// <param name="BaseVersion">For master-data edits: the server version the device edited; a different current version is a conflict.</param>
public sealed record SyncMutation(long Seq, string Kind, DateTime OccurredAt, JsonElement Payload, long? BaseVersion = null);

/// <summary>A batch of mutations, oldest first.</summary>
/// <param name="QueueLength">How many mutations the device still holds after this batch (fleet health).</param>
public sealed record PushRequest(int ProtocolVersion, IReadOnlyList<SyncMutation> Mutations, int? QueueLength = null);

/// <summary>The outcome of one mutation.</summary>
public static class MutationStatus
{
    /// <summary>Applied now.</summary>
    public const string Applied = "applied";

    /// <summary>Applied before; <see cref="MutationResult.Result"/> repeats the first answer.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Applied, but the device edited a stale version; the conflict is recorded for review.</summary>
    public const string Conflict = "conflict";

    /// <summary>Refused for good (malformed, not allowed); retrying will not help. Stored like an applied one.</summary>
    public const string Rejected = "rejected";

    /// <summary>Not applied: an earlier number is missing. Send the missing mutations first.</summary>
    public const string Gap = "gap";

    /// <summary>Not applied because of a transient server problem; send it again later.</summary>
    public const string Retry = "retry";
}

/// <summary>The server's answer for one mutation.</summary>
public sealed record MutationResult(
    long Seq,
    string Status,
    JsonElement? Result = null,
    string? Reason = null,
    long? ServerVersion = null,
    JsonElement? ServerData = null);

/// <summary>The answer to a push: one result per mutation, in order.</summary>
/// <param name="LastAppliedSeq">The highest mutation number the server holds for this device.</param>
/// <param name="ServerSeq">The tenant's latest change-log sequence (the device may pull up to it).</param>
public sealed record PushResponse(IReadOnlyList<MutationResult> Results, long LastAppliedSeq, long ServerSeq);
