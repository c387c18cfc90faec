using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Till.Core.Sync;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Sync;

/// <summary>Test-side helpers that speak the sync protocol over HTTP like a terminal does.</summary>
internal static class SyncClient
{
    public static async Task<PullResponse> PullAsync(this HttpClient client, long since, int limit = 1000)
    {
        var response = await client.GetAsync($"/api/sync/pull-changes?since={since}&limit={limit}&protocol_version=1");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PullResponse>(Json.Options))!;
    }

    /// <summary>Pulls until caught up; returns every change seen and the final cursor.</summary>
    public static async Task<(List<ChangeRecord> Changes, long Cursor)> PullAllAsync(this HttpClient client, long since = 0, int limit = 1000)
    {
        var all = new List<ChangeRecord>();
        while (true)
        {
            var page = await client.PullAsync(since, limit);
            all.AddRange(page.Changes);
            since = page.NextCursor;
            if (!page.HasMore) return (all, since);
        }
    }

    public static async Task<SnapshotPage> SnapshotAsync(this HttpClient client, long after = 0, long? upto = null, int limit = 1000)
    {
        var url = $"/api/sync/snapshot?after={after}&limit={limit}&protocol_version=1" + (upto is { } u ? $"&upto={u}" : "");
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SnapshotPage>(Json.Options))!;
    }

    public static Task<HttpResponseMessage> PushRawAsync(this HttpClient client, IEnumerable<object> mutations, int protocolVersion = 1, int? queueLength = null) =>
        client.PostAsJsonAsync("/api/sync/batch-push", new { protocol_version = protocolVersion, mutations, queue_length = queueLength }, Json.Options);

    public static async Task<PushResponse> PushAsync(this HttpClient client, IEnumerable<object> mutations, int? queueLength = null)
    {
        var response = await client.PushRawAsync(mutations, queueLength: queueLength);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PushResponse>(Json.Options))!;
    }

    public static object Mutation(long seq, string kind, object payload, long? baseVersion = null) =>
        new { seq, kind, occurred_at = DateTime.UtcNow, payload, base_version = baseVersion };

    public static string Str(this JsonElement data, string name) => data.GetProperty(name).GetString()!;
}
