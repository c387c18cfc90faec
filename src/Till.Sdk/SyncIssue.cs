using System.Text.Json;

namespace Till.Sdk;

/// <summary>
/// A mutation the server refused for good (<c>rejected</c>) or applied over a newer version
/// (<c>conflict</c>). Kept until someone retries it (as a new mutation) or dismisses it.
/// </summary>
/// <param name="Seq">The mutation's number.</param>
/// <param name="Status"><c>rejected</c> or <c>conflict</c>.</param>
/// <param name="Reason">The server's reason for a rejection.</param>
/// <param name="ServerVersion">For a conflict: the version the device's edit replaced.</param>
/// <param name="ServerData">For a conflict: the server's row before the device's edit.</param>
public sealed record SyncIssue(
    long Seq, string Kind, DateTime OccurredAt, JsonElement Payload, string Status, string? Reason,
    long? ServerVersion, JsonElement? ServerData, DateTime RecordedAt);
