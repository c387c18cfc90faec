using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Till.Server.Api;

/// <summary>
/// Turns exceptions into problem details: a client's bad body is a 400 (or 413) naming the field,
/// a concurrent edit is a 409, a deadlock the database rolled back is a 503 to retry, anything else is a 500 with a correlation id and no stack trace.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case BadHttpRequestException bad:
                problem = FromBadRequest(bad);
                break;
            case JsonException json:
                problem = FromJson(json);
                break;
            case DbUpdateConcurrencyException:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "The record was changed by someone else",
                    Detail = "Reload it and apply your change again.",
                };
                break;
            case Exception when Data.RowLocks.IsRetryable(exception):
                // Two units of work met on the same rows and the database rolled one back: nothing was written.
                httpContext.Response.Headers.RetryAfter = "1";
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The server is busy with the same records",
                    Detail = "Nothing was changed. Send the request again (with the same Idempotency-Key, if you used one).",
                };
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred",
                    Detail = "The error was logged. Quote the correlation id when you report it.",
                };
                break;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json) return FromJson(json);
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = bad.Message,
            };
        }

        return new HttpValidationProblemDetails
        {
            Status = bad.StatusCode,
            Title = "The request is invalid",
            Detail = bad.Message,
        };
    }

    private static HttpValidationProblemDetails FromJson(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        var reason = Explain(json.Message.Split(" Path:", 2)[0]);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON for this endpoint",
            Detail = field == "$" ? reason : $"'{field}': {reason}",
        };
    }

    /// <summary>Rewrites the serializer's CLR type names into words a client understands.</summary>
    private static string Explain(string message)
    {
        const string marker = "could not be converted to ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return message;
        var type = message[(at + marker.Length)..].TrimEnd('.');
        var expected = type switch
        {
            _ when type.Contains("System.Guid", StringComparison.Ordinal) => "a UUID string",
            _ when type.Contains("System.String", StringComparison.Ordinal) => "a string",
            _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
            _ when type.Contains("System.DateTime", StringComparison.Ordinal) => "an ISO 8601 date-time string",
            _ when type.Contains("System.DateOnly", StringComparison.Ordinal) => "an ISO 8601 date string (yyyy-mm-dd)",
            _ when type.Contains("System.Decimal", StringComparison.Ordinal) || type.Contains("System.Double", StringComparison.Ordinal) => "a number",
            _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) => "an array",
            _ when EnumNames(type) is { } names => $"one of: {names}",
            _ => "a value of another shape (see the OpenAPI document)",
        };
        return $"The value must be {expected}.";
    }

    private static string? EnumNames(string typeName)
    {
        var name = typeName.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? typeName[18..^1] : typeName;
        var type = typeof(ProblemExceptionHandler).Assembly.GetType(name) ?? typeof(Till.Core.Money.Currency).Assembly.GetType(name);
        return type is { IsEnum: true }
            ? string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName))
            : null;
    }

    /// <summary><c>$.lines[2].quantity</c> becomes <c>lines[2].quantity</c>; the root is <c>$</c>.</summary>
    internal static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path} (correlation id {CorrelationId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string correlationId);
}
