using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Till.Server.Tests.Realtime;

/// <summary>A SignalR client that records every event it receives, for assertions.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private static readonly string[] Events =
    [
        "changes.available", "order.created", "order.updated", "product.updated", "settings.changed",
        "table.updated", "inventory.low_stock", "activity.new", "notification", "presence",
    ];

    private readonly HubConnection _connection;

    public ConcurrentQueue<(string Event, JsonElement Payload)> Received { get; } = new();

    private HubClient(HubConnection connection)
    {
        _connection = connection;
        foreach (var name in Events)
            _connection.On<JsonElement>(name, payload => Received.Enqueue((name, payload)));
    }

    /// <summary>Connects through an in-process test server (long polling over its handler).</summary>
    public static async Task<HubClient> ConnectAsync(TestServer server, string accessToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/pos"), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Connects to a real server over WebSockets, token in the query string.</summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string accessToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/pos"), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .WithAutomaticReconnect()
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Waits for the first event named <paramref name="name"/> that matches, or fails after the timeout.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null, int timeoutMs = 1000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (e, payload) in Received)
                if (e == name && (match is null || match(payload))) return payload;
            await Task.Delay(10);
        }

        throw new TimeoutException($"No '{name}' within {timeoutMs} ms; received: {string.Join(", ", Received.Select(r => r.Event))}");
    }

    public bool Has(string name, Func<JsonElement, bool>? match = null) =>
        Received.Any(r => r.Event == name && (match is null || match(r.Payload)));

    public Task<T> InvokeAsync<T>(string method, params object[] args) => _connection.InvokeCoreAsync<T>(method, args);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
