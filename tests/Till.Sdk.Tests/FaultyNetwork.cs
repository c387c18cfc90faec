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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Offline) throw new HttpRequestException("offline (injected)");
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
