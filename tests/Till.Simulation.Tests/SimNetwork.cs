namespace Till.Simulation.Tests;

/// <summary>
/// The wire between one simulated terminal and the server, with seeded faults: requests dropped
/// before the server, answers lost after the server acted, duplicated deliveries, and stale
/// deliveries (an earlier push arriving again after newer ones, i.e. reordered).
/// </summary>
public sealed class SimNetwork(Func<HttpMessageHandler> server, Random random) : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, Uri Uri, byte[] Body, string? Auth)> _sentPushes = [];
    private TaskCompletionSource? _nextDelivery;

    public bool Offline { get; set; }
    public bool FaultsOn { get; set; } = true;
    public double DropRate { get; set; } = 0.08;
    public double LoseRate { get; set; } = 0.08;
    public double DuplicateRate { get; set; } = 0.08;
    public double ReplayRate { get; set; } = 0.08;
    public Dictionary<string, int> Injected { get; } = [];

    /// <summary>Completes when the next request is handed to the server.</summary>
    public Task NextDeliveryAsync()
    {
        _nextDelivery = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _nextDelivery.Task;
    }

    /// <summary>Requests that reached the server (duplicates and replays included).</summary>
    public int Deliveries { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Offline) throw new HttpRequestException("offline");
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var auth = request.Headers.Authorization?.ToString();
        var isPush = request.RequestUri!.AbsolutePath.EndsWith("/batch-push", StringComparison.Ordinal);
        using var invoker = new HttpMessageInvoker(server(), disposeHandler: true);

        if (FaultsOn && Roll(DropRate, "dropped")) throw new HttpRequestException("request dropped before the server (injected)");
        if (FaultsOn && isPush && _sentPushes.Count > 0 && Roll(ReplayRate, "replayed"))
        {
            // An old delivery shows up late, after newer ones.
            var old = _sentPushes[random.Next(_sentPushes.Count)];
            Deliveries++;
            (await invoker.SendAsync(Build(old.Method, old.Uri, old.Body, old.Auth), cancellationToken)).Dispose();
        }

        if (FaultsOn && Roll(DuplicateRate, "duplicated"))
        {
            Deliveries++;
            (await invoker.SendAsync(Build(request.Method, request.RequestUri!, body, auth), cancellationToken)).Dispose();
        }

        Deliveries++;
        Interlocked.Exchange(ref _nextDelivery, null)?.TrySetResult();
        var response = await invoker.SendAsync(Build(request.Method, request.RequestUri!, body, auth), cancellationToken);
        if (isPush && body is not null) _sentPushes.Add((request.Method, request.RequestUri!, body, auth));
        if (FaultsOn && Roll(LoseRate, "lost"))
        {
            response.Dispose();
            throw new HttpRequestException("response lost after the server acted (injected)");
        }

        // Detach the body from the per-call invoker.
        var copy = new HttpResponseMessage(response.StatusCode) { Content = new ByteArrayContent(await response.Content.ReadAsByteArrayAsync(cancellationToken)), RequestMessage = request };
        foreach (var h in response.Content.Headers) copy.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
        response.Dispose();
        return copy;
    }

    private bool Roll(double rate, string fault)
    {
        if (random.NextDouble() >= rate) return false;
        Injected[fault] = Injected.GetValueOrDefault(fault) + 1;
        return true;
    }

    private static HttpRequestMessage Build(HttpMethod method, Uri uri, byte[]? body, string? auth)
    {
        var message = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        if (auth is not null) message.Headers.TryAddWithoutValidation("Authorization", auth);
        return message;
    }
}
