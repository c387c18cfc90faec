using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Till.Core.Payments;
using Till.Core.Pricing;
using Till.Core.Sync;
using Till.Sdk;

namespace Till.Bench;

/// <summary>
/// A terminal that sold offline reconnects: N cash sales wait in its outbox (sold through
/// <c>CashRegister</c> while no sync ran), then one <c>SyncEngine.SyncAsync</c> pushes them all
/// (FIFO batches over loopback HTTP, each order applied in full by the server on PostgreSQL) and
/// pulls what changed. Baseline in the same run: a second terminal's N offline sales pushed through
/// <c>TillApiClient.PushAsync</c> alone (same batches, no outbox bookkeeping, no pull).
/// </summary>
internal static class OfflineReconnectBenchmark
{
    private const int Warmup = 50;

    public static async Task<int> RunAsync(Options options)
    {
        var orders = options.Rows == 100_000 ? 1000 : options.Rows;
        await using var db = await BenchDatabase.CreateAsync(options.PostgresServer);
        await using var server = new BenchServer(db.ConnectionString, kestrel: true);
        var shop = await BenchShop.CreateAsync(server);
        await shop.ImportProductsAsync(20);

        await using var measured = await BenchTill.OpenAsync(server, shop, "R1");
        await using var raw = await BenchTill.OpenAsync(server, shop, "R2");
        var products = measured.Store.Read(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT id FROM products ORDER BY sku";
            using var r = cmd.ExecuteReader();
            var ids = new List<Guid>();
            while (r.Read()) ids.Add(Guid.Parse(r.GetString(0)));
            return ids;
        });

        // Offline: the sales only reach the outbox.
        var sold = Stopwatch.StartNew();
        for (var i = 0; i < orders; i++) measured.Sell(products, i);
        sold.Stop();
        for (var i = 0; i < orders + Warmup; i++) raw.Sell(products, i);

        // Warm-up (JIT, server and database caches): the baseline terminal's first sales, untimed.
        await raw.PushRawAsync(Warmup);
        var baseline = Stopwatch.StartNew();
        await raw.PushRawAsync(orders);
        baseline.Stop();

        var reconnect = Stopwatch.StartNew();
        await measured.Engine.SyncAsync();
        reconnect.Stop();
        var left = measured.Store.QueueLength;
        var issues = measured.Store.GetIssues().Count;
        if (left != 0 || issues != 0) throw new InvalidOperationException($"After the sync {left} mutations wait and {issues} were refused.");

        Console.WriteLine($"{orders:N0} offline sales written to the outbox in {sold.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine();
        Console.WriteLine("| operation | orders | seconds | orders/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| reconnect: SyncEngine.SyncAsync pushes the outbox and pulls | {orders:N0} | {reconnect.Elapsed.TotalSeconds:F2} | {orders / reconnect.Elapsed.TotalSeconds:F0} |");
        Console.WriteLine($"| baseline: the same number of sales pushed with TillApiClient.PushAsync alone | {orders:N0} | {baseline.Elapsed.TotalSeconds:F2} | {orders / baseline.Elapsed.TotalSeconds:F0} |");
        Console.WriteLine($"Environment: {Environment.ProcessorCount} cores, .NET {Environment.Version}; every sale applied once, none refused");
        return 0;
    }

    /// <summary>One bench terminal: its store, client and engine.</summary>
    private sealed class BenchTill : IAsyncDisposable
    {
        private readonly string _file;
        private readonly TillApiClient _api;
        private readonly CashRegister _register;
        private long _pushed;

        private BenchTill(string file, TillApiClient api, LocalStore store)
        {
            _file = file;
            _api = api;
            Store = store;
            Engine = new SyncEngine(store, api, new SyncEngineOptions { PageSize = 1000 });
            _register = new CashRegister(store);
        }

        public LocalStore Store { get; }
        public SyncEngine Engine { get; }

        public static async Task<BenchTill> OpenAsync(BenchServer server, BenchShop shop, string code)
        {
            var token = await shop.DeviceTokenAsync(code);
            var api = new TillApiClient(server.Address);
            api.UseTokens(new SessionTokens(token, "", shop.OwnerId));
            var file = Path.Combine(Path.GetTempPath(), $"till-bench-reconnect-{Guid.NewGuid():N}.db");
            var store = LocalStore.Open(file);
            store.SaveDevice(new DeviceProfile(server.Address, shop.Code, Guid.Empty, shop.BranchId, "B1", code, shop.WarehouseId, "IDR", TaxMode.Inclusive));
            var till = new BenchTill(file, api, store);
            await till.Engine.BootstrapAsync();
            return till;
        }

        public void Sell(List<Guid> products, int i) => _register.CompleteSale(new SaleRequest(
            [new SaleLine(products[i % products.Count], 1), new SaleLine(products[(i + 7) % products.Count], 2)],
            [new Tender(PaymentMethodKind.Cash, 100_000_000m)]));

        /// <summary>Pushes the next <paramref name="count"/> outbox entries in FIFO batches, leaving the outbox as it is.</summary>
        public async Task PushRawAsync(int count)
        {
            var entries = Store.GetOutbox(int.MaxValue).SkipWhile(e => e.Seq <= _pushed).Take(count).ToList();
            foreach (var batch in entries.Chunk(new SyncEngineOptions().PushBatchSize))
            {
                var response = await _api.PushAsync(new PushRequest(SyncProtocol.CurrentVersion,
                    batch.Select(m => new SyncMutation(m.Seq, m.Kind, m.OccurredAt, m.Payload, m.BaseVersion)).ToList(), 0));
                if (response.Results.Any(r => r.Status != MutationStatus.Applied))
                    throw new InvalidOperationException($"The baseline push was answered {string.Join(", ", response.Results.Select(r => r.Status).Distinct())}.");
                _pushed = batch[^1].Seq;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Engine.DisposeAsync();
            Store.Dispose();
            _api.Dispose();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
        }
    }
}
