using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Till.Sdk;

/// <summary>
/// The SignalR connection to <c>/hubs/pos</c> with automatic reconnection. Every
/// <c>changes.available</c> message nudges the sync engine; other events are passed on as they come.
/// </summary>
public sealed class RealtimeClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    /// <summary>Creates the client; call <see cref="StartAsync"/> to connect.</summary>
    /// <param name="server">The server's root URL.</param>
    /// <param name="accessToken">Returns the current access token (it rotates).</param>
    /// <param name="onChangesAvailable">What to do on a nudge, typically <see cref="SyncEngine.Nudge"/>.</param>
    /// <param name="handlerFactory">A custom transport (in-process tests); it forces long polling.</param>
    public RealtimeClient(Uri server, Func<string?> accessToken, Action onChangesAvailable, Func<HttpMessageHandler>? handlerFactory = null)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/pos"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult(accessToken());
                if (handlerFactory is not null)
                {
                    o.HttpMessageHandlerFactory = _ => handlerFactory();
                    o.Transports = HttpTransportType.LongPolling;
                }
            })
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)])
            .Build();
        _connection.On<JsonElement>("changes.available", _ => onChangesAvailable());
        // After a reconnection anything may have been missed: pull.
        _connection.Reconnected += _ =>
        {
            onChangesAvailable();
            return Task.CompletedTask;
        };
    }

    /// <summary>True while connected.</summary>
    public bool IsConnected => _connection.State == HubConnectionState.Connected;

    /// <summary>Subscribes to another hub event (for example <c>table.updated</c>).</summary>
    public IDisposable On(string eventName, Action<JsonElement> handler) => _connection.On(eventName, handler);

    /// <summary>Connects.</summary>
    public Task StartAsync(CancellationToken ct = default) => _connection.StartAsync(ct);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
