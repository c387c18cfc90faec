namespace Till.Server.Events;

/// <summary>Receives committed domain events (e.g. the real-time hub). Register as a singleton.</summary>
internal interface IDomainEventSink
{
    Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct);
}
