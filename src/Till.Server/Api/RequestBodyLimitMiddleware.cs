using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Till.Server.Api;

/// <summary>
/// Refuses a body over the configured size with 413 problem details before any handler reads it.
/// Endpoints that legitimately take big bodies (CSV import, sync) carry <see cref="LargeBodyAttribute"/>.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<LargeBodyAttribute>()?.MaxBytes ?? options.Value.MaxRequestBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;

        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The body is {http.Request.ContentLength} bytes; this endpoint takes at most {limit}.",
                },
            });
            return;
        }

        await next(http);
    }
}

/// <summary>Raises the request body limit of one endpoint.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class LargeBodyAttribute(long maxBytes) : Attribute
{
    public long MaxBytes { get; } = maxBytes;
}
