using System.Text.Json;

namespace Till.Core.Sync;

/// <summary>One row as it is after a change, or a tombstone when <paramref name="Deleted"/>.</summary>
/// <param name="Seq">The change's server sequence: the pull cursor.</param>
/// <param name="Entity">snake_case entity name, e.g. <c>product</c>.</param>
public sealed record ChangeRecord(long Seq, string Entity, Guid Id, long Version, bool Deleted, JsonElement Data);

/// <summary>A page of changes after a cursor.</summary>
/// <param name="NextCursor">Pass as <c>since</c> on the next pull (the last change's sequence, or the same cursor when empty).</param>
/// <param name="ServerSeq">The tenant's latest sequence when the page was read.</param>
public sealed record PullResponse(IReadOnlyList<ChangeRecord> Changes, long NextCursor, bool HasMore, long ServerSeq);

/// <summary>A page of a snapshot: the latest state of every live row up to <paramref name="Upto"/>.</summary>
/// <param name="Upto">The sequence the snapshot is taken at; afterwards, pull with <c>since=Upto</c>.</param>
/// <param name="NextAfter">Pass as <c>after</c> (with the same <c>upto</c>) to resume with the next page.</param>
public sealed record SnapshotPage(IReadOnlyList<ChangeRecord> Changes, long Upto, long NextAfter, bool HasMore);
