namespace Till.Server.Events;

/// <summary>Receives committed domain events (e.g. the real-time hub). Register as a singleton.</summary>
internal interface IDomainEventSink
{
    /// <summary>
    /// True for a sink that keeps this node's own state in step with the database (a cache): it is
    /// given each commit's events before the request that committed answers, so the next request
    /// on this node sees the change. Every other sink (hub messages, mail) is given them shortly
    /// after, by <see cref="DomainEventPublisher"/>, off the request path.
    /// </summary>
    bool BeforeAnswer => false;

    Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct);
}
