using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Till.Server.Catalog;
using Till.Server.Tenancy;

namespace Till.Bench;

/// <summary>
/// Imports N products by CSV through POST /api/products/import (streamed from a file on disk) into
/// a fresh PostgreSQL database, then re-imports it with every price changed (every row an update), and as a
/// baseline in the same run binary-COPYs the same rows into another tenant (no validation, no audit).
/// </summary>
internal static class CsvImportBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var database = $"till_bench_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(options.PostgresServer) { Database = database }.ConnectionString;
        await ExecuteAsync(options.PostgresServer, $"CREATE DATABASE \"{database}\"");
        var file = Path.Combine(Path.GetTempPath(), $"till-bench-{options.Rows}.csv");
        var changed = Path.Combine(Path.GetTempPath(), $"till-bench-{options.Rows}-changed.csv");
        try
        {
            var generated = Stopwatch.StartNew();
            await WriteCsvAsync(file, options.Rows, priceDelta: 0);
            await WriteCsvAsync(changed, options.Rows, priceDelta: 500);
            Console.WriteLine($"Generated {options.Rows:N0} rows ({new FileInfo(file).Length / 1024.0 / 1024.0:F1} MiB) in {generated.Elapsed.TotalSeconds:F1} s");

            await using var server = new BenchServer(connectionString);
            var (client, tenantId) = await SignInAsync(server);
            var (_, otherTenant) = await SignInAsync(server);

            var create = await ImportAsync(client, file, options.Rows, "import (insert)");
            var update = await ImportAsync(client, changed, options.Rows, "re-import, every price changed (update)");
            var copy = await CopyBaselineAsync(connectionString, otherTenant, file, options.Rows);

            var count = await ScalarAsync(connectionString, $"SELECT count(*) FROM products WHERE tenant_id = '{tenantId}' AND NOT is_deleted");
            if (count != options.Rows) throw new InvalidOperationException($"Expected {options.Rows} products after import, found {count}.");

            Console.WriteLine();
            Console.WriteLine("| run | rows | seconds | rows/s | peak working set (MiB) | peak managed heap (MiB) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in new[] { create, update, copy })
                Console.WriteLine($"| {r.Name} | {r.Rows:N0} | {r.Seconds:F1} | {r.Rows / r.Seconds:N0} | {r.PeakWorkingSet / 1048576.0:F0} | {r.PeakHeap / 1048576.0:F0} |");
            Console.WriteLine($"Environment: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
            return 0;
        }
        finally
        {
            File.Delete(file);
            File.Delete(changed);
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(options.PostgresServer, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private sealed record Run(string Name, int Rows, double Seconds, long PeakWorkingSet, long PeakHeap);

    private static async Task<Run> ImportAsync(HttpClient client, string file, int rows, string name)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var sampler = new MemorySampler();
        var watch = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/products/import", content);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        await sampler.DisposeAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name} failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        using var json = JsonDocument.Parse(body);
        Console.WriteLine($"{name}: created {json.RootElement.GetProperty("created").GetInt32():N0}, updated {json.RootElement.GetProperty("updated").GetInt32():N0} in {watch.Elapsed.TotalSeconds:F1} s");
        return new Run($"{name} via POST /api/products/import", rows, watch.Elapsed.TotalSeconds, sampler.PeakWorkingSet, sampler.PeakHeap);
    }

    /// <summary>The floor: the same rows parsed from the same file and binary-COPYed into products and product_barcodes.</summary>
    private static async Task<Run> CopyBaselineAsync(string connectionString, Guid tenantId, string file, int rows)
    {
        GC.Collect();
        var sampler = new MemorySampler();
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var now = DateTime.UtcNow;
        var barcodes = new List<(Guid Product, string Code)>(rows);
        await using (var products = await connection.BeginBinaryImportAsync(
            "COPY products (id, sku, name, price, cost, tax_rate, unit, brand, track_stock, is_active, tenant_id, created_at, updated_at, version, is_deleted) FROM STDIN (FORMAT BINARY)"))
        {
            await using var csv = CsvReader.Create(File.OpenRead(file), new CsvReaderOptions(), leaveOpen: false);
            while (await csv.ReadAsync())
            {
                var id = Guid.CreateVersion7();
                await products.StartRowAsync();
                await products.WriteAsync(id, NpgsqlDbType.Uuid);
                await products.WriteAsync(csv.GetString(0), NpgsqlDbType.Varchar);
                await products.WriteAsync(csv.GetString(1), NpgsqlDbType.Varchar);
                await products.WriteAsync(decimal.Parse(csv.GetString(2), CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
                await products.WriteAsync(decimal.Parse(csv.GetString(3), CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
                await products.WriteAsync(decimal.Parse(csv.GetString(4), CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
                await products.WriteAsync(csv.GetString(5), NpgsqlDbType.Varchar);
                await products.WriteAsync(csv.GetString(7), NpgsqlDbType.Varchar);
                await products.WriteAsync(true, NpgsqlDbType.Boolean);
                await products.WriteAsync(true, NpgsqlDbType.Boolean);
                await products.WriteAsync(tenantId, NpgsqlDbType.Uuid);
                await products.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await products.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await products.WriteAsync(1L, NpgsqlDbType.Bigint);
                await products.WriteAsync(false, NpgsqlDbType.Boolean);
                barcodes.Add((id, csv.GetString(8)));
            }

            await products.CompleteAsync();
        }

        await using (var codes = await connection.BeginBinaryImportAsync(
            "COPY product_barcodes (id, product_id, code, tenant_id, created_at, updated_at, version, is_deleted) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (product, code) in barcodes)
            {
                await codes.StartRowAsync();
                await codes.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await codes.WriteAsync(product, NpgsqlDbType.Uuid);
                await codes.WriteAsync(code, NpgsqlDbType.Varchar);
                await codes.WriteAsync(tenantId, NpgsqlDbType.Uuid);
                await codes.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await codes.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await codes.WriteAsync(1L, NpgsqlDbType.Bigint);
                await codes.WriteAsync(false, NpgsqlDbType.Boolean);
            }

            await codes.CompleteAsync();
        }

        watch.Stop();
        await sampler.DisposeAsync();
        Console.WriteLine($"baseline: COPY of {rows:N0} products and barcodes in {watch.Elapsed.TotalSeconds:F1} s");
        return new Run("baseline: binary COPY (no validation, no audit)", rows, watch.Elapsed.TotalSeconds, sampler.PeakWorkingSet, sampler.PeakHeap);
    }

    /// <summary>A new tenant through the real provisioner, and its owner signed in over HTTP.</summary>
    private static async Task<(HttpClient Client, Guid TenantId)> SignInAsync(BenchServer server)
    {
        var code = $"bench-{Guid.NewGuid():N}"[..24];
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantProvisioner>().CreateAsync(
                new NewTenant(code, "Bench shop", "owner", "bench-password-1", "Bench Owner", "B1", "Bench branch"), CancellationToken.None);
        }

        var client = server.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(30);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { tenant = code, username = "owner", password = "bench-password-1" });
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return (client, json.RootElement.GetProperty("user").GetProperty("tenant").GetProperty("id").GetGuid());
    }

    private static async Task WriteCsvAsync(string file, int rows, int priceDelta)
    {
        string[] categories = ["Beverages", "Snacks", "Instant food", "Dairy", "Coffee & tea", "Staples", "Personal care", "Household", "Produce", "Baby"];
        await using var csv = CsvWriter.Create(File.Create(file), new CsvWriterOptions { NewLine = "\n" }, leaveOpen: false);
        csv.WriteHeader(["sku", "name", "price", "cost", "tax_rate", "unit", "category", "brand", "barcodes"]);
        for (var i = 0; i < rows; i++)
        {
            csv.WriteField($"BENCH-{i:D7}");
            csv.WriteField($"Bench product {i} {categories[i % 10]}");
            csv.WriteField((1000 + priceDelta + i % 50_000 * 10).ToString(CultureInfo.InvariantCulture));
            csv.WriteField((700 + i % 50_000 * 7).ToString(CultureInfo.InvariantCulture));
            csv.WriteField("11");
            csv.WriteField("pcs");
            csv.WriteField(categories[i % 10]);
            csv.WriteField($"Brand {i % 250}");
            csv.WriteField(Barcode.Ean13($"2{i:D11}"));
            await csv.EndRecordAsync();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
