using System.Text.Json;
using Till.Core.Sync;

namespace Till.Sdk.Internal;

/// <summary>
/// Reads pull and snapshot pages from one <see cref="JsonDocument"/> per page. The serializer would
/// build one document per change for its <c>data</c>; a bootstrap reads hundreds of thousands of them,
/// and parsing took a third of the terminal's share of it. The changes' <c>data</c> elements point
/// into the page's document, which lives as long as the page (it is deliberately not disposed).
/// </summary>
internal static class ChangePageReader
{
    public static SnapshotPage ReadSnapshot(JsonDocument page)
    {
        var root = page.RootElement;
        return new SnapshotPage(ReadChanges(root), root.GetProperty("upto").GetInt64(), root.GetProperty("next_after").GetInt64(),
            root.GetProperty("has_more").GetBoolean());
    }

    public static PullResponse ReadPull(JsonDocument page)
    {
        var root = page.RootElement;
        return new PullResponse(ReadChanges(root), root.GetProperty("next_cursor").GetInt64(), root.GetProperty("has_more").GetBoolean(),
            root.GetProperty("server_seq").GetInt64());
    }

    private static List<ChangeRecord> ReadChanges(JsonElement root)
    {
        var array = root.GetProperty("changes");
        var changes = new List<ChangeRecord>(array.GetArrayLength());
        foreach (var c in array.EnumerateArray())
        {
            changes.Add(new ChangeRecord(c.GetProperty("seq").GetInt64(), c.GetProperty("entity").GetString()!, c.GetProperty("id").GetGuid(),
                c.GetProperty("version").GetInt64(), c.TryGetProperty("deleted", out var deleted) && deleted.GetBoolean(),
                c.TryGetProperty("data", out var data) ? data : default));
        }

        return changes;
    }
}
