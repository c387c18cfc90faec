using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Till.Core.Sync;
using Till.Server.Tenancy;

namespace Till.Bench;

/// <summary>
/// Pull and snapshot throughput: N products go in through the CSV import (so the change log is
/// written the way production writes it), then a new device bootstraps over real HTTP (Kestrel on
/// loopback, gzip) page by page, parsing every page as a terminal does. Baseline in the same run:
/// reading the same change-log rows straight from PostgreSQL, with no HTTP and no JSON.
/// </summary>
internal static class SnapshotBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        await using var db = await BenchDatabase.CreateAsync(options.PostgresServer);
        await using var server = new BenchServer(db.ConnectionString, kestrel: true);
        var shop = await BenchShop.CreateAsync(server);
        var imported = Stopwatch.StartNew();
        await shop.ImportProductsAsync(options.Rows);
        Console.WriteLine($"Seeded {options.Rows:N0} products through the CSV import in {imported.Elapsed.TotalSeconds:F1} s");

        var device = await shop.SignInDeviceAsync("BENCH1");
        var rows = await ScalarAsync(db.ConnectionString, $"SELECT count(*) FROM change_log WHERE tenant_id = '{shop.TenantId}'");
        Console.WriteLine($"Change log holds {rows:N0} rows for the tenant");

        var results = new List<(string Name, long Rows, double Seconds)>();
        for (var round = 1; round <= 2; round++)
        {
            results.Add(await TimeAsync($"snapshot over HTTP (gzip, 5,000 per page), round {round}", () => SnapshotAsync(device)));
            results.Add(await TimeAsync($"pull from 0 over HTTP (gzip, 5,000 per page), round {round}", () => PullAsync(device)));
            results.Add(await TimeAsync($"baseline: SELECT of the same rows, no HTTP, round {round}", () => RawAsync(db.ConnectionString, shop.TenantId)));
        }

        Console.WriteLine();
        Console.WriteLine("| run | rows | seconds | rows/s | ratio to baseline |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        var baseline = results.Where(r => r.Name.StartsWith("baseline", StringComparison.Ordinal)).Min(r => r.Seconds);
        foreach (var r in results)
            Console.WriteLine($"| {r.Name} | {r.Rows:N0} | {r.Seconds:F2} | {r.Rows / r.Seconds:N0} | {r.Seconds / baseline:F1}x |");
        Console.WriteLine($"Environment: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        return 0;
    }

    private static async Task<(string, long, double)> TimeAsync(string name, Func<Task<long>> run)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var rows = await run();
        watch.Stop();
        Console.WriteLine($"{name}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:F2} s");
        return (name, rows, watch.Elapsed.TotalSeconds);
    }

    private static async Task<long> SnapshotAsync(HttpClient device)
    {
        long rows = 0, after = 0;
        long? upto = null;
        while (true)
        {
            var url = $"/api/sync/snapshot?after={after}&limit=5000&protocol_version=1" + (upto is { } u ? $"&upto={u}" : "");
            var page = (await device.GetFromJsonAsync<SnapshotPage>(url, BenchJson.Options))!;
            rows += page.Changes.Count;
            upto = page.Upto;
            after = page.NextAfter;
            if (!page.HasMore) return rows;
        }
    }

    private static async Task<long> PullAsync(HttpClient device)
    {
        long rows = 0, since = 0;
        while (true)
        {
            var page = (await device.GetFromJsonAsync<PullResponse>($"/api/sync/pull-changes?since={since}&limit=5000&protocol_version=1", BenchJson.Options))!;
            rows += page.Changes.Count;
            since = page.NextCursor;
            if (!page.HasMore) return rows;
        }
    }

    private static async Task<long> RawAsync(string connectionString, Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq, entity_type, entity_id, version, is_deleted, data FROM change_log WHERE tenant_id = @t ORDER BY seq", connection);
        command.Parameters.AddWithValue("t", tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0, bytes = 0;
        while (await reader.ReadAsync())
        {
            bytes += reader.GetString(5).Length;
            rows++;
        }

        return bytes > 0 ? rows : 0;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
