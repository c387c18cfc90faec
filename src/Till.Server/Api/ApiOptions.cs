using System.ComponentModel.DataAnnotations;

namespace Till.Server.Api;

internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Origins allowed by CORS (e.g. an e-shop front end). Empty: same-origin only.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Largest request body accepted, in bytes (CSV import and sync raise their own limit).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
