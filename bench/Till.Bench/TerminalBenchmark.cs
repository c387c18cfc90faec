using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Sync;
using Till.Sdk;

namespace Till.Bench;

/// <summary>
/// The terminal side: a new terminal bootstraps N products into its SQLite store through the real
/// SDK over HTTP (Kestrel on loopback, gzip); then local barcode lookups and local sale commits.
/// Baselines in the same run: the same snapshot read without storing it; a bare indexed SQLite
/// lookup; a bare one-row SQLite commit.
/// </summary>
internal static class TerminalBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        await using var db = await BenchDatabase.CreateAsync(options.PostgresServer);
        await using var server = new BenchServer(db.ConnectionString, kestrel: true);
        var shop = await BenchShop.CreateAsync(server);
        var imported = Stopwatch.StartNew();
        await shop.ImportProductsAsync(options.Rows);
        Console.WriteLine($"Seeded {options.Rows:N0} products through the CSV import in {imported.Elapsed.TotalSeconds:F1} s");
        var token = await shop.DeviceTokenAsync("T1");
        var deviceId = Guid.Empty;
        using var api = new TillApiClient(server.Address);
        api.UseTokens(new SessionTokens(token, "", shop.OwnerId));

        // Warm-up (JIT, server and database caches), untimed: the whole snapshot read once, its first page stored into a
        // throwaway store. A first read in a fresh process spends most of its time compiling (see the snapshot section of
        // docs/benchmarks.md); warm, the read baseline below is comparable with the bootstrap, which runs warm.
        var warmFile = Path.Combine(Path.GetTempPath(), $"till-bench-terminal-{Guid.NewGuid():N}.db");
        using (var warmStore = LocalStore.Open(warmFile))
        {
            warmStore.BeginSnapshot();
            var first = await api.SnapshotAsync(0, null, 5000);
            warmStore.ApplySnapshotPage(first);
            for (var page = first; page.HasMore;) page = await api.SnapshotAsync(page.NextAfter, page.Upto, 5000);
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(warmFile + suffix);

        // Baseline: the same snapshot pages read and parsed, not stored.
        var cpu = CpuNow();
        var baseline = Stopwatch.StartNew();
        long rows = 0, after = 0;
        long? upto = null;
        var pages = new List<SnapshotPage>();
        while (true)
        {
            var page = await api.SnapshotAsync(after, upto, 5000);
            pages.Add(page);
            rows += page.Changes.Count;
            (after, upto) = (page.NextAfter, page.Upto);
            if (!page.HasMore) break;
        }

        baseline.Stop();
        var baselineCpu = CpuNow() - cpu;
        Console.WriteLine($"baseline: snapshot read over HTTP, not stored: {rows:N0} changes in {baseline.Elapsed.TotalSeconds:F2} s");

        // Baseline: the same pages, already read and parsed, stored into a new store (the SDK's share of a bootstrap).
        cpu = CpuNow();
        var storeOnly = Stopwatch.StartNew();
        var scratchFile = Path.Combine(Path.GetTempPath(), $"till-bench-terminal-{Guid.NewGuid():N}.db");
        using (var scratchStore = LocalStore.Open(scratchFile))
        {
            scratchStore.BeginSnapshot();
            foreach (var page in pages) scratchStore.ApplySnapshotPage(page);
        }

        storeOnly.Stop();
        var storeOnlyCpu = CpuNow() - cpu;
        pages.Clear();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(scratchFile + suffix);
        Console.WriteLine($"baseline: the same pages stored from memory, no HTTP: {storeOnly.Elapsed.TotalSeconds:F2} s");

        var file = Path.Combine(Path.GetTempPath(), $"till-bench-terminal-{Guid.NewGuid():N}.db");
        using var store = LocalStore.Open(file);
        store.SaveDevice(new DeviceProfile(server.Address, shop.Code, deviceId, shop.BranchId, "B1", "T1", shop.WarehouseId, "IDR", TaxMode.Inclusive));
        await using var engine = new SyncEngine(store, api, new SyncEngineOptions { PageSize = 5000 });
        cpu = CpuNow();
        var bootstrap = Stopwatch.StartNew();
        await engine.BootstrapAsync();
        bootstrap.Stop();
        var bootstrapCpu = CpuNow() - cpu;
        var products = store.Read(c => Count(c, "SELECT count(*) FROM products"));
        // The search index is rebuilt at the end of the snapshot: every sampled product must be found by its name.
        var sample = store.Read(c => Strings(c, "SELECT id || ' ' || name FROM products ORDER BY random() LIMIT 100"));
        var searchProbes = sample.Count;
        var searchHits = sample.Count(s => store.SearchProducts(s[37..], 1000).Any(p => p.Id == Guid.Parse(s[..36])));
        Console.WriteLine($"bootstrap into a new terminal store: {rows:N0} changes ({products:N0} products) in {bootstrap.Elapsed.TotalSeconds:F2} s; file {new FileInfo(file).Length / 1048576.0:F0} MiB");

        var codes = store.Read(c => Strings(c, "SELECT code FROM barcodes ORDER BY random() LIMIT 10000"));
        var lookup = Measure(codes, code => _ = store.FindByBarcode(code) ?? throw new InvalidOperationException(code));
        using var raw = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        raw.Open();
        using var probe = raw.CreateCommand();
        probe.CommandText = "SELECT product_id FROM barcodes WHERE code = $q";
        var q = probe.Parameters.Add("$q", SqliteType.Text);
        var rawLookup = Measure(codes, code =>
        {
            q.Value = code;
            _ = probe.ExecuteScalar() ?? throw new InvalidOperationException(code);
        });

        var register = new CashRegister(store);
        var ids = store.Read(c => Strings(c, "SELECT id FROM products ORDER BY random() LIMIT 3000")).Select(Guid.Parse).ToList();
        var sales = Enumerable.Range(0, 1000).ToList();
        var sale = Measure(sales, i => register.CompleteSale(new SaleRequest(
            [new SaleLine(ids[i * 3], 1), new SaleLine(ids[i * 3 + 1], 2), new SaleLine(ids[i * 3 + 2], 1)],
            [new Tender(PaymentMethodKind.Cash, 100_000_000m)])));
        using var scratch = new SqliteConnection($"Data Source={file};Pooling=False");
        scratch.Open();
        Exec(scratch, "CREATE TABLE IF NOT EXISTS bench_scratch (id INTEGER PRIMARY KEY, data TEXT)");
        var rawCommit = Measure(sales, i =>
        {
            using var tx = scratch.BeginTransaction();
            using var insert = scratch.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO bench_scratch (data) VALUES ('x')";
            insert.ExecuteNonQuery();
            tx.Commit();
        });

        Console.WriteLine();
        Console.WriteLine("| operation | n | mean | p50 | p99 | max |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| bootstrap {products:N0} products ({rows:N0} changes) into a new store | 1 | {bootstrap.Elapsed.TotalSeconds:F2} s | | | |");
        Console.WriteLine($"| baseline: the same snapshot read, not stored | 1 | {baseline.Elapsed.TotalSeconds:F2} s | | | |");
        Console.WriteLine($"| baseline: the same pages stored from memory (no HTTP) | 1 | {storeOnly.Elapsed.TotalSeconds:F2} s | | | |");
        Console.WriteLine($"| search index check: products found by their full name | 1 | {searchHits}/{searchProbes} | | | |");
        Console.WriteLine($"| CPU of this process (server and terminal) in the bootstrap / the read / the store from memory | 1 | {bootstrapCpu:F2} s / {baselineCpu:F2} s / {storeOnlyCpu:F2} s | | | |");
        Row("barcode lookup (LocalStore.FindByBarcode)", lookup, "µs", 1e6);
        Row("baseline: bare indexed SELECT on barcodes", rawLookup, "µs", 1e6);
        Row("sale commit, 3 lines (CashRegister.CompleteSale)", sale, "ms", 1e3);
        Row("baseline: bare one-row SQLite commit", rawCommit, "ms", 1e3);
        Console.WriteLine($"Environment: {Environment.ProcessorCount} cores, .NET {Environment.Version}, outbox {store.QueueLength:N0}");
        store.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        return 0;
    }

    private static double CpuNow() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double[] Measure<T>(IReadOnlyList<T> items, Action<T> action)
    {
        // Warm-up on the first tenth, then time every call.
        foreach (var item in items.Take(items.Count / 10)) action(item);
        var times = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action(items[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Array.Sort(times);
        return times;
    }

    private static void Row(string name, double[] seconds, string unit, double scale) =>
        Console.WriteLine($"| {name} | {seconds.Length:N0} | {seconds.Average() * scale:F1} {unit} | {seconds[seconds.Length / 2] * scale:F1} {unit} | {seconds[(int)(seconds.Length * 0.99)] * scale:F1} {unit} | {seconds[^1] * scale:F1} {unit} |");

    private static long Count(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private static List<string> Strings(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
