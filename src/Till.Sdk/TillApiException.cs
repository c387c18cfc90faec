using System.Net;

namespace Till.Sdk;

/// <summary>A request to the Till server failed; <see cref="Kind"/> says whether retrying can help.</summary>
public sealed class TillApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TillApiException(ApiErrorKind kind, HttpStatusCode? status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Status = status;
    }

    /// <summary>What to do about the failure.</summary>
    public ApiErrorKind Kind { get; }

    /// <summary>The HTTP status, or null when no answer arrived.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>True when the same request may succeed later.</summary>
    public bool IsTransient => Kind == ApiErrorKind.Transient;

    internal static ApiErrorKind Classify(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => ApiErrorKind.Unauthorized,
        HttpStatusCode.Forbidden => ApiErrorKind.Forbidden,
        HttpStatusCode.Gone => ApiErrorKind.Reset,
        HttpStatusCode.UpgradeRequired => ApiErrorKind.UpgradeRequired,
        HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => ApiErrorKind.Transient,
        >= HttpStatusCode.InternalServerError => ApiErrorKind.Transient,
        _ => ApiErrorKind.Permanent,
    };
}
