using System.Text.Json;

namespace Till.Bench;

/// <summary>The API's JSON conventions (snake_case), for reading responses as a client does.</summary>
internal static class BenchJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Till.Server.Api.ApiServiceCollectionExtensions.ConfigureJson(o);
        return o;
    }
}
