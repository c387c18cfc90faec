namespace Till.Sdk.Tests;

/// <summary>A transport between a terminal and the in-process server that can be cut or lose answers.</summary>
public sealed class FaultyNetwork(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>Requests fail before reaching the server.</summary>
    public bool Offline { get; set; }

    /// <summary>The next N requests reach the server, which acts, but the answer is lost.</summary>
    public int LoseResponses { get; set; }

    /// <summary>Every request that reached the server.</summary>
    public int Delivered { get; private set; }

    /// <summary>When set, the network goes offline once this many more requests have been delivered.</summary>
    public int? OfflineAfter { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (OfflineAfter is <= 0) Offline = true;
        if (Offline) throw new HttpRequestException("offline (injected)");
        if (OfflineAfter is { } left) OfflineAfter = left - 1;
        var response = await base.SendAsync(request, cancellationToken);
        Delivered++;
        if (LoseResponses > 0)
        {
            LoseResponses--;
            response.Dispose();
            throw new HttpRequestException("response lost (injected)");
        }

        return response;
    }
}
