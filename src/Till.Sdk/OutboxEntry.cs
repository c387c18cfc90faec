using System.Text.Json;

namespace Till.Sdk;

/// <summary>A mutation waiting in the outbox.</summary>
/// <param name="Seq">The device's mutation number.</param>
/// <param name="Attempts">How many pushes carried it without a final answer.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
public sealed record OutboxEntry(long Seq, string Kind, DateTime OccurredAt, JsonElement Payload, long? BaseVersion, int Attempts, string? LastError);
