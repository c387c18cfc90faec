using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Till.Server.Data;

namespace Till.Server.Api;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header on POSTs with money or stock effects: the first request
/// claims the key (a row keyed per tenant), runs, and stores its answer; a retry with the same key
/// gets that stored answer and runs nothing. A retry while the first is still running gets 409.
/// Server errors release the key so the client can try again.
/// </summary>
internal sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return await next(context);
        if (key.Length > 100) return Problems.Validation("idempotency_key", "The Idempotency-Key header is at most 100 characters.");

        var services = http.RequestServices;
        var db = services.GetRequiredService<TillDbContext>();
        var tenantId = db.Tenant.RequiredTenantId;
        var endpoint = $"{http.Request.Method} {http.Request.Path}";
        var ct = http.RequestAborted;

        // A separate context claims the key, so the claim commits on its own before the work starts.
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<TillDbContext>();
        keys.Tenant.Use(tenantId);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        IdempotentRequest? existing = null;
        // One statement claims the key; only a request that finds it taken reads what it holds. (A key
        // released by a failed first request between the two is claimed again.)
        var claimed = false;
        for (var attempt = 0; attempt < 3 && !claimed && existing is null; attempt++)
        {
            claimed = await keys.Database.ExecuteSqlAsync(
                $"""INSERT INTO idempotent_requests (tenant_id, "key", endpoint, created_at) VALUES ({tenantId}, {key}, {endpoint}, {now}) ON CONFLICT (tenant_id, "key") DO NOTHING""", ct) == 1;
            if (!claimed) existing = await keys.Set<IdempotentRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct);
        }
        if (!claimed && existing is null) return Problems.Conflict("A request with this Idempotency-Key is still being processed; retry shortly.");

        if (existing is not null)
        {
            if (existing.Endpoint != endpoint)
                return Problems.Unprocessable($"The Idempotency-Key was already used for {existing.Endpoint}.");
            if (existing.StatusCode is not { } status)
                return Problems.Conflict("A request with this Idempotency-Key is still being processed; retry shortly.");
            if (existing.Location is { } location) http.Response.Headers.Location = location;
            return Results.Text(existing.Response ?? "", "application/json", statusCode: status);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await keys.Set<IdempotentRequest>().Where(r => r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        // Results<A, B, ...> wraps the result the handler chose.
        var answer = result;
        while (answer is INestedHttpResult nested) answer = nested.Result;
        var code = (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (code >= 500)
        {
            await keys.Set<IdempotentRequest>().Where(r => r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            return result;
        }

        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var value = (answer as IValueHttpResult)?.Value;
        var body = value is null ? "" : JsonSerializer.Serialize(value, value.GetType(), json);
        // Created<T> carries the new resource's address; a replay sends it again.
        var locationHeader = answer?.GetType().GetProperty("Location")?.GetValue(answer) as string;
        await keys.Set<IdempotentRequest>().Where(r => r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, code).SetProperty(r => r.Response, body).SetProperty(r => r.Location, locationHeader), CancellationToken.None);
        return result;
    }
}
