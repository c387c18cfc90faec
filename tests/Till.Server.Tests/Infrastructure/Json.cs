using System.Text.Json;
using System.Text.Json.Nodes;

namespace Till.Server.Tests.Infrastructure;

/// <summary>The API's JSON conventions, for tests that read bodies as typed records or as nodes.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Till.Server.Api.ApiServiceCollectionExtensions.ConfigureJson(o);
        return o;
    }

    public static async Task<JsonNode> NodeAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty body");
    }
}
