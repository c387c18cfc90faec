using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Till.Core.Sync;
using Till.Sdk.Internal;

namespace Till.Sdk;

/// <summary>
/// Typed client of the Till server. Every call runs through a resilience pipeline (per-attempt
/// timeout, exponential retries with jitter on transient failures), refreshes the access token by
/// itself on a 401, and fails with a <see cref="TillApiException"/> that says whether the error is
/// transient or permanent.
/// </summary>
public sealed class TillApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private SessionTokens? _tokens;

    /// <summary>Creates a client of the server at <paramref name="baseAddress"/>.</summary>
    /// <param name="baseAddress">The server's root URL.</param>
    /// <param name="handler">The transport (default: a new <see cref="SocketsHttpHandler"/>); tests pass an in-process one.</param>
    /// <param name="options">Timeouts and retries.</param>
    public TillApiClient(Uri baseAddress, HttpMessageHandler? handler = null, TillApiOptions? options = null)
    {
        options ??= new TillApiOptions();
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        BaseAddress = baseAddress;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        }

        _pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>The server's root URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The current session, or null before sign-in.</summary>
    public SessionTokens? Tokens => _tokens;

    /// <summary>Raised after sign-in and after every refresh, so the caller can persist the rotated tokens.</summary>
    public event Action<SessionTokens>? TokensChanged;

    /// <summary>Uses a stored session (for example after a restart).</summary>
    public void UseTokens(SessionTokens? tokens) => _tokens = tokens;

    /// <summary>Signs in; with <paramref name="deviceId"/> the token is a device token that may sync.</summary>
    public async Task<SessionTokens> LoginAsync(string tenant, string username, string password, Guid? deviceId = null, CancellationToken ct = default)
    {
        var body = await SendAsync<JsonElement>(HttpMethod.Post, "/api/auth/login",
            new { tenant, username, password, device_id = deviceId }, authenticate: false, ct);
        var tokens = ReadTokens(body);
        SetTokens(tokens);
        return tokens;
    }

    /// <summary>Sends a batch of mutations (<c>POST /api/sync/batch-push</c>).</summary>
    public Task<PushResponse> PushAsync(PushRequest request, CancellationToken ct = default) =>
        SendAsync<PushResponse>(HttpMethod.Post, "/api/sync/batch-push", request, authenticate: true, ct);

    /// <summary>Reads changes after <paramref name="since"/> (<c>GET /api/sync/pull-changes</c>).</summary>
    public Task<PullResponse> PullAsync(long since, int limit = 1000, CancellationToken ct = default) =>
        SendAsync<PullResponse>(HttpMethod.Get,
            $"/api/sync/pull-changes?since={since}&limit={limit}&protocol_version={SyncProtocol.CurrentVersion}", null, authenticate: true, ct,
            ChangePageReader.ReadPull);

    /// <summary>Reads one page of the snapshot (<c>GET /api/sync/snapshot</c>); omit <paramref name="upto"/> on the first page.</summary>
    public Task<SnapshotPage> SnapshotAsync(long after, long? upto, int limit = 1000, CancellationToken ct = default) =>
        SendAsync<SnapshotPage>(HttpMethod.Get,
            $"/api/sync/snapshot?after={after}&limit={limit}&protocol_version={SyncProtocol.CurrentVersion}" + (upto is { } u ? $"&upto={u}" : ""),
            null, authenticate: true, ct, ChangePageReader.ReadSnapshot);

    /// <summary>GET of any API resource, read as <typeparamref name="T"/> (snake_case JSON).</summary>
    public Task<T> GetAsync<T>(string path, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, authenticate: true, ct);

    /// <summary>POST of <paramref name="body"/> as snake_case JSON to any API resource, read as <typeparamref name="T"/>.</summary>
    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, authenticate: true, ct);

    /// <summary>DELETE of any API resource; a resource already gone (404) counts as deleted.</summary>
    public async Task DeleteAsync(string path, CancellationToken ct = default)
    {
        using var response = await SendRefreshingAsync(HttpMethod.Delete, path, null, authenticate: true, ct);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound) return;
        await ReadAsync<bool>(response, _ => true, ct); // throws the answer's error
    }

    /// <summary>POST without a session (for example licence activation).</summary>
    public Task<T> PostAnonymousAsync<T>(string path, object? body, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, authenticate: false, ct);

    /// <summary>A fresh bearer token for other channels (the real-time hub).</summary>
    public string? AccessToken => _tokens?.AccessToken;

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _refreshLock.Dispose();
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, bool authenticate, CancellationToken ct,
        Func<JsonDocument, T>? read = null)
    {
        using var response = await SendRefreshingAsync(method, path, body, authenticate, ct);
        return await ReadAsync(response, read, ct);
    }

    /// <summary>Sends once; an expired access token is refreshed and the request sent again.</summary>
    private async Task<HttpResponseMessage> SendRefreshingAsync(HttpMethod method, string path, object? body, bool authenticate, CancellationToken ct)
    {
        var sentWith = _tokens;
        var response = await SendOnceAsync(method, path, body, authenticate, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !authenticate || !await RefreshAsync(sentWith, ct)) return response;
        response.Dispose();
        return await SendOnceAsync(method, path, body, authenticate, ct);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, object? body, bool authenticate, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: SdkJson.Options);
                if (authenticate && _tokens is { } t) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", t.AccessToken);
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException
                                   || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new TillApiException(ApiErrorKind.Transient, null, $"{method} {path}: {e.Message}", e);
        }
    }

    private async Task<bool> RefreshAsync(SessionTokens? failed, CancellationToken ct)
    {
        await _refreshLock.WaitAsync(ct);
        try
        {
            // Another call already rotated the pair while this one waited.
            if (_tokens is { } current && !ReferenceEquals(current, failed)) return true;
            if (_tokens is null) return false;
            using var response = await SendOnceAsync(HttpMethod.Post, "/api/auth/refresh", new { refresh_token = _tokens.RefreshToken }, authenticate: false, ct);
            if (!response.IsSuccessStatusCode) return false;
            SetTokens(ReadTokens((await response.Content.ReadFromJsonAsync<JsonElement>(SdkJson.Options, ct))));
            return true;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private void SetTokens(SessionTokens tokens)
    {
        _tokens = tokens;
        TokensChanged?.Invoke(tokens);
    }

    private static SessionTokens ReadTokens(JsonElement body) => new(
        body.GetProperty("access_token").GetString()!,
        body.GetProperty("refresh_token").GetString()!,
        body.GetProperty("user").GetProperty("id").GetGuid());

    /// <param name="response">The answer.</param>
    /// <param name="read">Reads a success body from one document (change pages); null uses the serializer.</param>
    /// <param name="ct">Cancels the read.</param>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, Func<JsonDocument, T>? read, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            try
            {
                if (read is null) return (await response.Content.ReadFromJsonAsync<T>(SdkJson.Options, ct))!;
                var bytes = await response.Content.ReadAsByteArrayAsync(ct);
                return read(JsonDocument.Parse(bytes));
            }
            catch (Exception e) when (e is JsonException or IOException or HttpRequestException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // A body cut off in transit: the server may have acted, so the caller retries (idempotently).
                throw new TillApiException(ApiErrorKind.Transient, response.StatusCode, $"Unreadable answer: {e.Message}", e);
            }
        }

        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            text = e.Message;
        }

        throw new TillApiException(TillApiException.Classify(response.StatusCode), response.StatusCode,
            $"{(int)response.StatusCode} {response.ReasonPhrase}: {Describe(text)}");
    }

    /// <summary>
    /// The server's problem details as a sentence a person can read (title or detail, then each field's
    /// messages); any other body as it came, cut to 500 characters.
    /// </summary>
    private static string Describe(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("title", out _) || root.TryGetProperty("detail", out _)))
            {
                var parts = new List<string>();
                var text = root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()
                    : root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null;
                if (!string.IsNullOrWhiteSpace(text)) parts.Add(text.TrimEnd('.') + ".");
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in errors.EnumerateObject())
                    {
                        var messages = field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString())
                            : [field.Value.ToString()];
                        parts.Add($"{field.Name}: {string.Join(" ", messages)}");
                    }
                }

                if (parts.Count > 0) return string.Join(" ", parts);
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 500 ? body[..500] : body;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } r } => TillApiException.Classify(r.StatusCode) == ApiErrorKind.Transient,
        _ => false,
    };
}
