using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Till.Core.Pricing;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;

namespace Till.Bench;

/// <summary>
/// Sync ingest: devices that sold offline push their completed orders through
/// <c>POST /api/sync/batch-push</c> (100 per request, as the SDK does) to the real server over
/// loopback HTTP, PostgreSQL behind it. Each order is applied in full (checked against the
/// server's prices, stock and loyalty posted, audited, change-logged) with its answer stored.
/// The products are stocked, so no sale takes a level below zero (which flags an offline sale for review).
/// The devices' pushes are priced and serialised before the clock starts (their own work, on other machines
/// in a shop); the figures also give the CPU per order of the bench process and of the whole machine.
/// Baseline in the same run: the very rows each push wrote (order, lines, payments, movements)
/// inserted again set-based, one INSERT ... SELECT per table for each 100 orders.
/// </summary>
internal static class PushIngestBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var devices = options.Clients == 1000 ? 4 : options.Clients;
        var orders = options.Rows == 100_000 ? 2_000 : options.Rows;
        await using var db = await BenchDatabase.CreateAsync(options.PostgresServer);
        await using var server = new BenchServer(db.ConnectionString, kestrel: true);
        var shop = await BenchShop.CreateAsync(server);
        await shop.ImportProductsAsync(200);
        var products = new List<OrderLineDraft>();
        using (var list = JsonDocument.Parse(await shop.Owner.GetStringAsync("/api/products?per_page=200")))
            products.AddRange(list.RootElement.GetProperty("data").EnumerateArray().Select(p => new OrderLineDraft(
                p.GetProperty("id").GetGuid(), null, p.GetProperty("name").GetString()!, p.GetProperty("price").GetDecimal(), 1, p.GetProperty("tax_rate").GetDecimal())));
        // A shop with stock: its sales do not take levels below zero (each such offline sale would be flagged for review).
        await shop.StockAsync(products.Select(p => p.ProductId), 1_000_000);

        var tills = new List<HttpClient>();
        for (var d = 0; d < devices; d++) tills.Add(await shop.SignInDeviceAsync($"P{d}"));

        // Warm up with as many orders as the measured run (a server's steady state: the JIT has tiered
        // up the hot paths, which takes a few thousand requests), then the measured run continues each
        // device's series.
        var warmup = orders / devices;
        var warm = Prepare(devices, shop.BranchId, products, perDevice: warmup, firstSeq: 1);
        await PushAllAsync(tills, warm.Bodies);
        var (bodies, ids) = Prepare(devices, shop.BranchId, products, perDevice: orders / devices, firstSeq: warmup + 1);
        Console.WriteLine($"Warmed up with {warm.Ids.Count:N0} orders; measuring {orders:N0} ...");
        using var sampler = AllocationSampler.StartIfRequested();
        sampler?.Record();
        var (cpu, allocated, machine) = (Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(), MachineCpu.Read());
        var watch = Stopwatch.StartNew();
        var latencies = await PushAllAsync(tills, bodies);
        var seconds = watch.Elapsed.TotalSeconds;
        var machineUsed = MachineCpu.Read() - machine;
        sampler?.Report(ids.Count);
        var perOrder = $"bench process (server and clients): {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds * 1000 / ids.Count:F0} µs CPU and {(GC.GetTotalAllocatedBytes() - allocated) / ids.Count / 1024.0:F0} KiB allocated per order";
        Console.WriteLine();
        Console.WriteLine("| run | orders | p50 per push (transaction) | p99 | orders/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| batch-push of completed orders, {devices} devices x 100 per push | {ids.Count:N0} | {P(latencies, 50):F0} ms | {P(latencies, 99):F0} ms | {ids.Count / seconds:F0} |");
        var (rawLatencies, rawSeconds) = await CheckoutBenchmark.RawInsertAsync(db.ConnectionString, ids, devices, batch: 100);
        CheckoutBenchmark.Report($"baseline: set-based INSERT ... SELECT of the same rows, 100 orders per transaction, {devices} connections", rawLatencies, rawSeconds, ids.Count);
        Console.WriteLine(perOrder);
        Console.WriteLine(machineUsed.PerItem(ids.Count, "order"));
        await using (var connection = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var flagged = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orders WHERE needs_review", connection);
            Console.WriteLine($"orders flagged for review: {await flagged.ExecuteScalarAsync()} (a till's pricing agrees with the server's, and stock stays above zero)");
        }
        Console.WriteLine($"Environment: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        return 0;
    }

    /// <summary>
    /// Each device's pushes, made before the clock starts: a till has its queue of offline sales ready when it
    /// reconnects, and pricing and serialising them is the devices' work, not the server's (they share the
    /// server's two cores here).
    /// </summary>
    private static (List<List<byte[]>> Bodies, List<Guid> Ids) Prepare(int devices, Guid branchId, List<OrderLineDraft> products, int perDevice, long firstSeq)
    {
        var ids = new List<Guid>(devices * perDevice);
        var bodies = new List<List<byte[]>>(devices);
        for (var d = 0; d < devices; d++)
        {
            var random = new Random(d);
            var pushes = new List<byte[]>();
            for (var start = 0; start < perDevice; start += 100)
            {
                var mutations = new List<SyncMutation>();
                for (var i = start; i < Math.Min(perDevice, start + 100); i++)
                {
                    var seq = firstSeq + i;
                    // Priced as a till prices offline (Till.Core), so the server's pricing agrees and nothing is flagged for review.
                    var soldAt = DateTime.UtcNow.AddMinutes(-5);
                    var priced = PricingEngine.Price(new OrderDraft(branchId, soldAt.AddHours(7), "IDR", TaxMode.Exclusive,
                        [.. Enumerable.Range(0, 3).Select(_ => products[random.Next(products.Count)])]));
                    var lines = priced.Lines.Select(l => new OrderLinePayload(Guid.CreateVersion7(), l.ProductId, l.Name, l.Quantity, l.UnitPrice, l.Discount, l.Tax, l.Total)).ToList();
                    var total = priced.GrandTotal;
                    var order = new OrderComplete(Guid.CreateVersion7(), $"B1-P{d}-{seq:D6}", null, null, null, Guid.Empty, "retail", null, "IDR",
                        lines, [new OrderPaymentPayload("cash", total, total, 0)], priced.Subtotal, priced.DiscountTotal, priced.TaxTotal, priced.Rounding, total, 0, 0, soldAt);
                    mutations.Add(new SyncMutation(seq, MutationKinds.OrderComplete, DateTime.UtcNow, JsonSerializer.SerializeToElement(order, BenchJson.Options)));
                    ids.Add(order.OrderId);
                }
                pushes.Add(JsonSerializer.SerializeToUtf8Bytes(new PushRequest(SyncProtocol.CurrentVersion, mutations), BenchJson.Options));
            }
            bodies.Add(pushes);
        }
        return (bodies, ids);
    }

    private static async Task<List<double>> PushAllAsync(List<HttpClient> tills, List<List<byte[]>> bodies)
    {
        var latencies = new List<double>();
        await Task.WhenAll(tills.Select(async (till, d) =>
        {
            foreach (var body in bodies[d])
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                var started = Stopwatch.GetTimestamp();
                var response = await till.PostAsync("/api/sync/batch-push", content);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var answer = await response.Content.ReadFromJsonAsync<PushResponse>(BenchJson.Options);
                if (!response.IsSuccessStatusCode || answer!.Results.Any(r => r.Status != MutationStatus.Applied))
                    throw new InvalidOperationException($"Push failed: {(int)response.StatusCode} {answer?.Results.FirstOrDefault(r => r.Status != MutationStatus.Applied)}");
                lock (latencies) latencies.Add(elapsed);
            }
        }));
        return latencies;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
