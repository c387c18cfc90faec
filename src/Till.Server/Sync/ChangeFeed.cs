using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Sync;

/// <summary>
/// Reads the change log for one device: pulls after a cursor and resumable snapshots. Pages are
/// streamed from the database reader to the response, each row's stored JSON written as is, so a
/// large bootstrap never materialises in memory.
/// </summary>
internal sealed class ChangeFeed(TillDbContext db, TimeProvider clock)
{
    /// <summary>The tenant's latest sequence (never below the purge floor, even when the newest rows were purged).</summary>
    public async Task<long> ServerSeqAsync(CancellationToken ct) =>
        Math.Max(await db.ChangeLog.MaxAsync(c => (long?)c.Seq, ct) ?? 0, await FloorAsync(ct));

    /// <summary>Tombstones at or below this sequence were purged: a cursor below it must reset.</summary>
    /// <remarks>Read once per request: a pull asks for it to check the cursor and again for the latest sequence.</remarks>
    public async Task<long> FloorAsync(CancellationToken ct) =>
        _floor ??= await db.SyncFloors.Select(f => (long?)f.PurgedThroughSeq).FirstOrDefaultAsync(ct) ?? 0;

    private long? _floor;

    /// <summary>The tenant's catalogue and settings plus the device's own branch.</summary>
    private IQueryable<ChangeLogEntry> Visible(Device device) =>
        db.ChangeLog.AsNoTracking().Where(c => c.BranchId == null || c.BranchId == device.BranchId);

    public async Task WritePullAsync(HttpResponse response, Device device, long since, int limit, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var serverSeq = await ServerSeqAsync(ct);
        var rows = Visible(device).Where(c => c.Seq > since).OrderBy(c => c.Seq).Take(limit + 1);

        var page = await WritePageAsync(response, rows, limit, header: null, ct);
        var next = page.Count == 0 ? since : page.Last;
        await FinishAsync(response, w =>
        {
            w.WriteNumber("next_cursor", next);
            w.WriteBoolean("has_more", page.HasMore);
            w.WriteNumber("server_seq", Math.Max(serverSeq, next));
        }, page, ct);
        await RecordAsync(device, "pull", page.Count, next, started, ct);
    }

    public async Task WriteSnapshotAsync(HttpResponse response, Device device, long after, long? upto, int limit, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var top = upto ?? await ServerSeqAsync(ct);
        // Every change up to `top`, in order: applied in sequence the device ends with the latest state
        // of every row (tombstones included, so a row deleted before `top` never survives). The
        // compactor keeps superseded rows out of the log, so this stays close to one row per entity.
        var rows = Visible(device).Where(c => c.Seq > after && c.Seq <= top).OrderBy(c => c.Seq).Take(limit + 1);

        var page = await WritePageAsync(response, rows, limit, w => w.WriteNumber("upto", top), ct);
        await FinishAsync(response, w =>
        {
            w.WriteNumber("next_after", page.Count == 0 ? after : page.Last);
            w.WriteBoolean("has_more", page.HasMore);
        }, page, ct);
        await RecordAsync(device, "snapshot", page.Count, page.HasMore ? 0 : top, started, ct);
    }

    private sealed record Page(Utf8JsonWriter Writer, ArrayBufferWriter<byte> Buffer, int Count, long Last, bool HasMore);

    /// <summary>The columns a device receives; the rest of the change record (tenant, branch, time) stays on the server.</summary>
    private sealed record ChangeRow(long Seq, string EntityType, Guid EntityId, long Version, bool IsDeleted, string Data);

    /// <summary>Rows handed to the response body per write: small enough to stream a large page, large enough to compress well.</summary>
    private const int ChunkSize = 64 * 1024;

    private static async Task<Page> WritePageAsync(HttpResponse response, IQueryable<ChangeLogEntry> rows, int limit, Action<Utf8JsonWriter>? header, CancellationToken ct)
    {
        response.ContentType = "application/json";
        // Rows are written to a buffer and handed to the body stream in chunks, never flushed: a flush
        // makes the response compressor close its block, and per-chunk flushes more than doubled the
        // Brotli-compressed page (one flush per 64 KB) and the bytes every device reads.
        var buffer = new ArrayBufferWriter<byte>(ChunkSize * 2);
        var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        header?.Invoke(writer);
        writer.WriteStartArray("changes");

        var count = 0;
        long last = 0;
        var hasMore = false;
        var query = rows.Select(c => new ChangeRow(c.Seq, c.EntityType, c.EntityId, c.Version, c.IsDeleted, c.Data));
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (count == limit)
            {
                hasMore = true;
                break;
            }

            if (CarriedChildren.CarriesChildren(row.EntityType, row.Version)) WriteWithChildren(writer, row);
            else WriteChange(writer, row.Seq, row.EntityType, row.EntityId, row.Version, row.IsDeleted, row.Data);
            count++;
            last = row.Seq;
            // Hand finished rows to the network as the page grows instead of buffering all of it.
            if (writer.BytesPending + buffer.WrittenCount > ChunkSize) await WriteChunkAsync(response, writer, buffer, ct);
        }

        writer.WriteEndArray();
        return new Page(writer, buffer, count, last, hasMore);
    }

    private static void WriteChange(Utf8JsonWriter writer, long seq, string entity, Guid id, long version, bool deleted, string data)
    {
        WriteEnvelope(writer, seq, entity, id, version, deleted);
        writer.WriteRawValue(data, skipInputValidation: true);
        writer.WriteEndObject();
    }

    /// <summary>A change's fields up to its <c>data</c>, whose value (and the object's end) the caller writes.</summary>
    private static void WriteEnvelope(Utf8JsonWriter writer, long seq, string entity, Guid id, long version, bool deleted)
    {
        writer.WriteStartObject();
        writer.WriteNumber("seq", seq);
        writer.WriteString("entity", entity);
        writer.WriteString("id", id);
        writer.WriteNumber("version", version);
        writer.WriteBoolean("deleted", deleted);
        writer.WritePropertyName("data");
    }

    /// <summary>
    /// A parent's first row carrying the children created with it (<see cref="CarriedChildren"/>): the parent without
    /// them, then each child as the change it is (its first version, at the parent's sequence), as devices always got them.
    /// </summary>
    private static void WriteWithChildren(Utf8JsonWriter writer, ChangeRow row)
    {
        using var document = JsonDocument.Parse(row.Data);
        List<(string Entity, JsonElement Items)>? lists = null;
        WriteEnvelope(writer, row.Seq, row.EntityType, row.EntityId, row.Version, row.IsDeleted);
        writer.WriteStartObject();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (CarriedChildren.EntityOf(row.EntityType, property.Name) is not { } entity) property.WriteTo(writer);
            else if (property.Value.ValueKind == JsonValueKind.Array) (lists ??= []).Add((entity, property.Value));
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        foreach (var (entity, items) in lists ?? [])
            foreach (var child in items.EnumerateArray())
            {
                WriteEnvelope(writer, row.Seq, entity, child.GetProperty("id").GetGuid(), version: 1, deleted: false);
                child.WriteTo(writer);
                writer.WriteEndObject();
            }
    }

    private static async Task WriteChunkAsync(HttpResponse response, Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, CancellationToken ct)
    {
        writer.Flush();
        await response.Body.WriteAsync(buffer.WrittenMemory, ct);
        buffer.ResetWrittenCount();
    }

    private static async Task FinishAsync(HttpResponse response, Action<Utf8JsonWriter> footer, Page page, CancellationToken ct)
    {
        await using (page.Writer)
        {
            footer(page.Writer);
            page.Writer.WriteEndObject();
            await WriteChunkAsync(response, page.Writer, page.Buffer, ct);
        }
    }

    private async Task RecordAsync(Device device, string operation, int sent, long cursor, long started, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.SyncLogs.Add(new SyncLog
        {
            TenantId = device.TenantId,
            DeviceId = device.Id,
            Operation = operation,
            Sent = sent,
            Cursor = cursor,
            DurationMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            CreatedAt = now,
        });
        // The page is already sent: record where the device stands without racing its own push,
        // which may have committed meanwhile (a set-based update of the pull's fields only).
        if (await UpdatePullAsync(device.Id, cursor, now) == 0)
        {
            db.DeviceSyncStates.Add(new DeviceSyncState { DeviceId = device.Id, TenantId = device.TenantId, LastPulledSeq = Math.Max(cursor, 0), LastPullAt = now });
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // A push created the row first.
                foreach (var entry in db.ChangeTracker.Entries<DeviceSyncState>().ToList()) entry.State = EntityState.Detached;
                await UpdatePullAsync(device.Id, cursor, now);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private Task<int> UpdatePullAsync(Guid deviceId, long cursor, DateTime now) => cursor > 0
        ? db.DeviceSyncStates.Where(s => s.DeviceId == deviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastPulledSeq, cursor).SetProperty(x => x.LastPullAt, now), CancellationToken.None)
        : db.DeviceSyncStates.Where(s => s.DeviceId == deviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastPullAt, now), CancellationToken.None);
}
