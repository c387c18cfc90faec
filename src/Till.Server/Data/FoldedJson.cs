using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Till.Server.Audit;

namespace Till.Server.Data;

/// <summary>
/// The JSON of one kind of record (audit values, change-log data) for a unit of work's rows, with each row
/// recorded inside its parent's record (a new sale's lines and payments, see <see cref="IAuditedWithParent"/>)
/// added to the parent's object as a list: <c>{..., "lines": [...], "payments": [...]}</c>. Rows are written
/// as UTF-8 into pooled chunks and a record's text is decoded once, children included: a child never becomes
/// a string of its own (a push's sales made two for every line and payment, a third of its allocations).
/// </summary>
/// <param name="include">Which properties to write; a delegate kept in a static field (see <see cref="EntryJson.Write(EntityEntry, JsonSerializerOptions, Func{IProperty, bool}, bool)"/>).</param>
internal sealed class FoldedJson(JsonSerializerOptions options, Func<IProperty, bool> include, bool skipNulls) : IDisposable
{
    private const int ChunkSize = 32 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _used;
    private HashSet<Guid>? _created;
    private Dictionary<Guid, List<(string Collection, Slice Json)>>? _children;

    /// <summary>A row's JSON, held in the chunks.</summary>
    public readonly record struct Slice(int Chunk, int Start, int Length);

    /// <summary>Writes the row's JSON object; its text is made by <see cref="Text(Slice, Guid?)"/>, or it joins its parent's (<see cref="AddChild"/>).</summary>
    public Slice Write(IEntityType type, object row, EntityEntry? entry)
    {
        var json = EntryJson.WriteUtf8(type, row, entry, options, include, skipNulls);
        if (_chunks.Count == 0 || _chunks[^1].Length - _used < json.Length)
        {
            _chunks.Add(ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, json.Length)));
            _used = 0;
        }
        json.CopyTo(_chunks[^1].AsSpan(_used));
        var slice = new Slice(_chunks.Count - 1, _used, json.Length);
        _used += json.Length;
        return slice;
    }

    /// <summary>Whether <paramref name="parentId"/> is created (and recorded) in the same unit of work; <paramref name="created"/> is asked once.</summary>
    public bool IsCreated(Guid parentId, Func<HashSet<Guid>> created) => (_created ??= created()).Contains(parentId);

    /// <summary>Records <paramref name="child"/>'s JSON inside its parent's.</summary>
    public void AddChild(IAuditedWithParent child, Slice json)
    {
        _children ??= [];
        if (!_children.TryGetValue(child.AuditParentId, out var list)) _children[child.AuditParentId] = list = [];
        list.Add((child.AuditCollection, json));
    }

    /// <summary>The record's text: the row's JSON with the children of row <paramref name="id"/> (none when null).</summary>
    public string Text(Slice json, Guid? id) =>
        id is { } parent && Groups(parent) is { } groups ? Folded(null, json, groups) : Encoding.UTF8.GetString(Bytes(json));

    /// <summary>Adds their children to the create entries among <paramref name="audits"/>, whose values were made as strings.</summary>
    public void Into(List<AuditEntry> audits)
    {
        if (_children is null) return;
        foreach (var audit in audits)
            if (audit is { Action: "create", NewValues: { } values } && Guid.TryParse(audit.EntityId, out var id) && Groups(id) is { } groups)
                audit.NewValues = Folded(values, default, groups);
    }

    /// <summary>The same for new rows' change-log data.</summary>
    public void Into(List<Sync.ChangeLogEntry> changes)
    {
        if (_children is null) return;
        foreach (var change in changes)
            if (change.Version == 1 && Groups(change.EntityId) is { } groups) change.Data = Folded(change.Data, default, groups);
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
        _chunks.Clear();
    }

    private ReadOnlySpan<byte> Bytes(Slice json) => _chunks[json.Chunk].AsSpan(json.Start, json.Length);

    private List<(string Collection, List<Slice> Rows)>? Groups(Guid parent)
    {
        if (_children is null || !_children.TryGetValue(parent, out var children)) return null;
        var groups = new List<(string Collection, List<Slice> Rows)>(2);
        foreach (var (collection, json) in children)
        {
            var at = groups.FindIndex(g => g.Collection == collection);
            if (at < 0) groups.Add((collection, [json]));
            else groups[at].Rows.Add(json);
        }
        return groups;
    }

    /// <summary>The parent's object (a string, or else its slice) with each group as one more member, written once at its final length.</summary>
    private string Folded(string? parentText, Slice parentJson, List<(string Collection, List<Slice> Rows)> groups)
    {
        var parentLength = parentText?.Length ?? Encoding.UTF8.GetCharCount(Bytes(parentJson));
        var length = parentLength;
        // Each group: a comma, "key":[ rows joined by commas ]; the parent's closing brace stays last.
        foreach (var (collection, rows) in groups)
        {
            length += 1 + 1 + collection.Length + 3 + rows.Count - 1 + 1;
            foreach (var row in rows) length += Encoding.UTF8.GetCharCount(Bytes(row));
        }
        if (parentLength <= 2) length--;
        return string.Create(length, (this, parentText, parentJson, groups), static (span, state) =>
        {
            var (self, parentText, parentJson, groups) = state;
            // The parent's object without its closing brace (one byte, one char).
            var at = parentText is not null
                ? Copy(parentText.AsSpan(0, parentText.Length - 1), span)
                : Encoding.UTF8.GetChars(self.Bytes(parentJson)[..^1], span);
            foreach (var (collection, rows) in groups)
            {
                if (at > 1) span[at++] = ',';
                span[at++] = '"';
                at += Copy(collection, span[at..]);
                at += Copy("\":[", span[at..]);
                for (var i = 0; i < rows.Count; i++)
                {
                    if (i > 0) span[at++] = ',';
                    at += Encoding.UTF8.GetChars(self.Bytes(rows[i]), span[at..]);
                }
                span[at++] = ']';
            }
            span[at] = '}';
        });
    }

    private static int Copy(ReadOnlySpan<char> text, Span<char> into)
    {
        text.CopyTo(into);
        return text.Length;
    }
}
