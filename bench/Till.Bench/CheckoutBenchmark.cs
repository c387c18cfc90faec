using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Till.Bench;

/// <summary>
/// Online checkout: 16 concurrent clients post <c>POST /api/orders</c> (3 lines, cash with change)
/// to the real server over loopback HTTP, PostgreSQL behind it. Each order is priced by Till.Core,
/// numbered, stock-posted through the ledger, audited and change-logged in one transaction.
/// Baseline in the same run: 16 connections re-inserting the very rows each checkout wrote
/// (order, lines, payment, stock movements) with plain INSERT ... SELECT, one transaction per order.
/// </summary>
internal static class CheckoutBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var clients = options.Clients == 1000 ? 16 : options.Clients;
        var orders = options.Rows == 100_000 ? 2_000 : options.Rows;
        await using var db = await BenchDatabase.CreateAsync(options.PostgresServer);
        await using var server = new BenchServer(db.ConnectionString, kestrel: true);
        var shop = await BenchShop.CreateAsync(server);
        await shop.ImportProductsAsync(200);
        var products = new List<Guid>();
        using (var list = JsonDocument.Parse(await shop.Owner.GetStringAsync("/api/products?per_page=200")))
            products.AddRange(list.RootElement.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        // Each client is a till: a device of the branch with its own order-number series.
        var tills = await shop.LicensedTillsAsync(clients);
        // --own-products N: till c sells products c*N to c*N+N-1 only, so that no two tills share a stock level
        // (with 16 tills up to 12 each); by default they all sell from the 200 and meet on the same levels.
        if (options.OwnProducts * clients > products.Count) throw new ArgumentException($"--own-products: {clients} tills cannot have {options.OwnProducts} of {products.Count} products each.");
        List<List<Guid>> shelves = [.. Enumerable.Range(0, clients).Select(c => options.OwnProducts > 0 ? products.Skip(c * options.OwnProducts).Take(options.OwnProducts).ToList() : products)];

        // Warm up with as many orders as the measured run: a server's steady state (JIT tiering of the
        // hot paths takes a few thousand requests; a short warm-up measured the JIT), EF query caches,
        // connection pools.
        await RunClientsAsync(tills, shop.BranchId, shelves, orders);
        Console.WriteLine($"Warmed up with {orders:N0} orders; measuring {orders:N0} ...");
        using var sampler = AllocationSampler.StartIfRequested();
        sampler?.Record();
        var (cpu, allocated, machine) = (Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(), MachineCpu.Read());
        var (latencies, seconds, ids, _) = await RunClientsAsync(tills, shop.BranchId, shelves, orders);
        var machineUsed = MachineCpu.Read() - machine;
        sampler?.Report(orders);
        var perOrder = $"bench process (server and clients): {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / orders:F2} ms CPU and {(GC.GetTotalAllocatedBytes() - allocated) / orders / 1024.0:F0} KiB allocated per order"
            + $"{Environment.NewLine}{machineUsed.PerItem(orders, "order")} (saturation)";
        Report($"online checkout, {clients} tills posting back to back (saturation)", latencies, seconds);

        // Open loop: tills post at a fixed pace (a shop's real load), latency is then the service time plus queueing at that load.
        var rates = options.Rates ?? [clients, Math.Round(latencies.Count / seconds / 2)];
        foreach (var rate in rates)
        {
            var (collections, paused) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
            var (jitted, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
            var (paced, pacedSeconds, pacedIds, _) = await RunClientsAsync(tills, shop.BranchId, shelves, Math.Max(300, (int)(rate * options.Seconds)), rate);
            Report($"online checkout, {clients} tills at {rate:F0} orders/s in total", paced, pacedSeconds);
            Console.WriteLine($"  (meanwhile: {GC.CollectionCount(0) - collections} garbage collections, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms in all; "
                + $"{System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods compiled, {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F0} ms)");
            ids.AddRange(pacedIds);
        }

        // "Posting at once" taken literally: every till posts at the same instant, once a second, so each
        // second starts with all of them in flight together; the p99 is that of the last ones served.
        {
            var (burst, burstSeconds, burstIds, burstSent) = await RunClientsAsync(tills, shop.BranchId, shelves, Math.Max(300, clients * options.Seconds), clients, together: true);
            // The tail is a few bursts: name them with their instants (UTC), to be matched with the server's and the
            // database's logs (an autovacuum, a garbage collection). Before Report, which sorts the latencies in place.
            var first = burstSent.Min();
            var bursts = burst.Zip(burstSent).GroupBy(s => Math.Round((s.Second - first).TotalSeconds)).OrderBy(g => g.Key)
                .Select(g =>
                {
                    var answers = g.Select(s => s.First).Order().ToList();
                    return (At: first.AddSeconds(g.Key), First: answers[0], Median: answers[answers.Count / 2], Last: answers[^1]);
                })
                .ToList();
            if (Environment.GetEnvironmentVariable("TILL_BENCH_BURSTS") is { Length: > 0 } dump)
                File.WriteAllLines(dump, bursts.Select(b => $"{b.At:HH:mm:ss.fff} {b.First:F1} {b.Median:F1} {b.Last:F1}"));
            var slowest = bursts.OrderByDescending(b => b.Last).Take(5);
            Console.WriteLine($"  (slowest bursts, UTC: {string.Join(", ", slowest.Select(b => $"{b.At:HH:mm:ss.f} last {b.Last:F1} ms, median {b.Median:F1} ms"))})");
            Report($"online checkout, {clients} tills posting at the same instant, once a second", burst, burstSeconds);
            ids.AddRange(burstIds);
        }
        Console.WriteLine(perOrder);

        var (rawLatencies, rawSeconds) = await RawInsertAsync(db.ConnectionString, ids, clients);
        Report($"baseline: raw INSERT of the same rows, {clients} connections", rawLatencies, rawSeconds);
        var (burstRaw, burstRawSeconds) = await RawInsertAsync(db.ConnectionString, [.. ids.Take(Math.Max(300, clients * options.Seconds))], clients, tick: TimeSpan.FromSeconds(1));
        Report($"baseline: raw INSERT of the same rows, {clients} connections at the same instant, once a second", burstRaw, burstRawSeconds);
        Console.WriteLine($"Environment: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        return 0;
    }

    /// <summary>
    /// Every till posts orders until <paramref name="orders"/> are done: back to back, or, with a
    /// total <paramref name="rate"/> (orders per second), each on its own fixed schedule, spread over
    /// the interval or, <paramref name="together"/>, all at the same instants.
    /// </summary>
    /// <remarks>
    /// Each till is a thread of its own that sends and waits (a synchronous <c>HttpClient.Send</c>), as a device
    /// does, not a task on the thread pool that the server shares: a till's post then starts at its instant even
    /// when the server's work has filled the pool's queue (with tasks, the last of sixteen tills posting "at once"
    /// started 3 to 4 ms late, behind the server's work for the first ones, and the server saw two waves).
    /// </remarks>
    private static async Task<(List<double> Latencies, double Seconds, List<Guid> Ids, List<DateTime> Sent)> RunClientsAsync(
        List<HttpClient> tills, Guid branchId, List<List<Guid>> shelves, int orders, double rate = 0, bool together = false)
    {
        var clients = tills.Count;
        var interval = rate > 0 ? TimeSpan.FromSeconds(clients / rate) : TimeSpan.Zero;
        var latencies = new List<double>(orders);
        var ids = new List<Guid>(orders);
        var sent = new List<DateTime>(orders);
        var next = -1;
        Exception? failure = null;
        // Together: a clock thread lets every till go at each tick. Neither is disposed: the clock may tick once more
        // after the last till is done (nothing of theirs needs disposing unless a wait handle was asked for).
        var gate = new SemaphoreSlim(0);
        var finished = new CountdownEvent(clients);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();

        void Sleep(TimeSpan due)
        {
            var left = due - watch.Elapsed;
            if (left > TimeSpan.Zero) Thread.Sleep(left);
        }

        void RunTill(int c)
        {
            try
            {
                var random = new Random(c);
                // Paced tills start spread over one interval and then keep their own schedule.
                var due = interval * c / clients;
                while (Volatile.Read(ref failure) is null && Interlocked.Increment(ref next) < orders)
                {
                    // The till has its sale ready when it is due: the body is made before the clock starts (a load
                    // generator's own work, on the server's cores here, is kept out of the server's latency).
                    var lines = Enumerable.Range(0, 3).Select(_ => new { product_id = shelves[c][random.Next(shelves[c].Count)], quantity = 1 + random.Next(3) }).ToArray();
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
                    {
                        Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { branch_id = branchId, lines, payments = new[] { new { method = "CASH", amount = 10_000_000m } } })),
                    };
                    request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                    if (together) gate.Wait();
                    else if (interval > TimeSpan.Zero)
                    {
                        Sleep(due);
                        due += interval;
                    }
                    var (started, at) = (Stopwatch.GetTimestamp(), DateTime.UtcNow);
                    using var response = tills[c].Send(request);
                    using var body = new StreamReader(response.Content.ReadAsStream());
                    var text = body.ReadToEnd();
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Checkout failed: {(int)response.StatusCode} {text}");
                    using var json = JsonDocument.Parse(text);
                    lock (latencies)
                    {
                        latencies.Add(elapsed);
                        ids.Add(json.RootElement.GetProperty("id").GetGuid());
                        sent.Add(at);
                    }
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
            finally
            {
                if (finished.Signal()) done.SetResult();
            }
        }

        // Threads of their own, the clock's too: none of them holds one of the thread pool's threads, which the server uses.
        for (var c = 0; c < clients; c++)
        {
            var till = c;
            new Thread(() => RunTill(till)) { IsBackground = true, Name = $"till {till + 1}" }.Start();
        }
        if (together)
        {
            new Thread(() =>
            {
                for (var tick = TimeSpan.Zero; !finished.IsSet; tick += interval)
                {
                    Sleep(tick);
                    gate.Release(clients);
                }
            }) { IsBackground = true, Name = "till clock" }.Start();
        }
        await done.Task;
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return (latencies, watch.Elapsed.TotalSeconds, ids, sent);
    }

    /// <summary>
    /// Re-inserts the rows the given orders wrote (order, lines, payments, stock movements) with plain
    /// <c>INSERT ... SELECT</c> on <paramref name="connections"/> connections: one transaction per
    /// order, or, with <paramref name="batch"/> above 1, set-based (one statement per table for each
    /// <paramref name="batch"/> orders, one transaction each). Latencies are per transaction.
    /// </summary>
    /// <param name="tick">Set: every connection inserts one order at each tick, all at the same instants (the burst run's baseline).</param>
    internal static async Task<(List<double>, double)> RawInsertAsync(string connectionString, List<Guid> ids, int connections, int batch = 1, TimeSpan? tick = null)
    {
        var columns = new Dictionary<string, List<string>>();
        await using (var meta = new NpgsqlConnection(connectionString))
        {
            await meta.OpenAsync();
            foreach (var table in new[] { "orders", "order_lines", "order_payments", "stock_movements" })
            {
                await using var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", meta);
                command.Parameters.AddWithValue("t", table);
                var names = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) names.Add(reader.GetString(0));
                columns[table] = names;
            }
        }

        string Copy(string table, string where, Dictionary<string, string> replace)
        {
            var cols = columns[table];
            return $"INSERT INTO {table} ({string.Join(", ", cols)}) SELECT {string.Join(", ", cols.Select(c => replace.TryGetValue(c, out var r) ? r : c))} FROM {table} WHERE {where};";
        }
        // Each copied order gets a new id: the old id with its first bytes replaced by the run's marker.
        var sql = Copy("orders", "id = ANY(@old)", new() { ["id"] = "overlay(id::text placing @marker from 1)::uuid", ["number"] = "@marker || number" })
            + Copy("order_lines", "order_id = ANY(@old)", new() { ["id"] = "gen_random_uuid()", ["order_id"] = "overlay(order_id::text placing @marker from 1)::uuid" })
            + Copy("order_payments", "order_id = ANY(@old)", new() { ["id"] = "gen_random_uuid()", ["order_id"] = "overlay(order_id::text placing @marker from 1)::uuid" })
            + Copy("stock_movements", "reference_id = ANY(@old)", new() { ["id"] = "gen_random_uuid()", ["reference_id"] = "overlay(reference_id::text placing @marker from 1)::uuid" });

        var latencies = new List<double>(ids.Count);
        // Each run marks its copies apart from the earlier runs' copies of the same orders.
        var run = Interlocked.Increment(ref _runs);
        var next = -1;
        var chunks = ids.Chunk(batch).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var due = watch.Elapsed;
            int i;
            while ((i = Interlocked.Increment(ref next)) < chunks.Count)
            {
                if (tick is { } interval)
                {
                    if (due > watch.Elapsed) await Task.Delay(due - watch.Elapsed);
                    due += interval;
                }
                var started = Stopwatch.GetTimestamp();
                await using var transaction = await connection.BeginTransactionAsync();
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                command.Parameters.AddWithValue("old", chunks[i]);
                command.Parameters.AddWithValue("marker", $"{run:x2}{i:x6}");
                await command.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies) latencies.Add(elapsed);
            }
        }));
        return (latencies, watch.Elapsed.TotalSeconds);
    }

    private static int _runs;

    /// <summary>One table row: count, p50 and p99 of the latencies, and <paramref name="orders"/> (default: one per latency) per second.</summary>
    internal static void Report(string name, List<double> latencies, double seconds, int? orders = null)
    {
        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var count = orders ?? latencies.Count;
        Console.WriteLine($"| {name} | {count:N0} | {P(0.50):F1} ms | {P(0.99):F1} ms | {count / seconds:F0} |");
    }
}
