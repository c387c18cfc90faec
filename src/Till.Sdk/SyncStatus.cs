namespace Till.Sdk;

/// <summary>What a sync indicator shows.</summary>
/// <param name="IsOnline">The last exchange with the server succeeded.</param>
/// <param name="QueueLength">Mutations waiting to be pushed.</param>
/// <param name="IssueCount">Rejected or conflicting mutations waiting for someone to look at them.</param>
/// <param name="LastSyncAt">When a push or pull last succeeded.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
/// <param name="Stopped">Syncing stopped for good (403 or 426) until someone acts; see <paramref name="LastError"/>.</param>
public sealed record SyncStatus(bool IsOnline, int QueueLength, int IssueCount, DateTime? LastSyncAt, string? LastError, bool Stopped);
