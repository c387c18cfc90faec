namespace Till.Sdk;

/// <summary>How a failed request should be handled (docs/sync-protocol.md, "Error classes").</summary>
public enum ApiErrorKind
{
    /// <summary>Network error, timeout, 5xx or 429: try again later with backoff.</summary>
    Transient,

    /// <summary>The request is wrong (400, 404, 409, 422): repeating it will not help.</summary>
    Permanent,

    /// <summary>401 after a refresh: the session is gone; sign in again.</summary>
    Unauthorized,

    /// <summary>403: the device or user lost access; stop and tell the user.</summary>
    Forbidden,

    /// <summary>410 on pull or snapshot: the cursor is too old; re-bootstrap through the snapshot.</summary>
    Reset,

    /// <summary>426: the server no longer speaks this protocol version; update the terminal.</summary>
    UpgradeRequired,
}
