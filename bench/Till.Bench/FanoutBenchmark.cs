using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Server.Data;

namespace Till.Bench;

/// <summary>
/// Hub fan-out: N devices of one branch hold WebSocket connections to /hubs/pos on a real Kestrel
/// server; a branch change is committed E times and each client records when its
/// <c>changes.available</c> arrives. Latency runs from just before SaveChanges (so it includes the
/// commit) to receipt. Baseline in the same run: the same with one connected client.
/// </summary>
internal static class FanoutBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        await using var db = await BenchDatabase.CreateAsync(options.PostgresServer);
        await using var server = new BenchServer(db.ConnectionString, kestrel: true);
        var shop = await BenchShop.CreateAsync(server);
        var token = await shop.DeviceTokenAsync("FAN1");
        var target = await shop.AddDeviceAsync("TGT1");

        var one = await MeasureAsync(server, shop, token, target, clients: 1, events: options.Events);
        var many = await MeasureAsync(server, shop, token, target, clients: options.Clients, events: options.Events);

        Console.WriteLine();
        Console.WriteLine("| connected clients | deliveries | p50 ms | p95 ms | p99 ms | max ms | missed |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in new[] { one, many })
            Console.WriteLine($"| {r.Clients:N0} | {r.Latencies.Count:N0} | {P(r.Latencies, 50):F1} | {P(r.Latencies, 95):F1} | {P(r.Latencies, 99):F1} | {r.Latencies.Max():F1} | {r.Missed} |");
        Console.WriteLine($"p99 ratio ({options.Clients:N0} clients / 1 client): {P(many.Latencies, 99) / Math.Max(0.1, P(one.Latencies, 99)):F1}x");
        Console.WriteLine($"Environment: {Environment.ProcessorCount} cores, .NET {Environment.Version}; clients and server share the machine");
        return 0;
    }

    private sealed record Result(int Clients, List<double> Latencies, int Missed);

    private static async Task<Result> MeasureAsync(BenchServer server, BenchShop shop, string token, Guid target, int clients, int events)
    {
        var received = new ConcurrentQueue<(int Client, long Seq, long At)>();
        var connections = new List<HubConnection>(clients);
        foreach (var batch in Enumerable.Range(0, clients).Chunk(50))
        {
            connections.AddRange(await Task.WhenAll(batch.Select(async i =>
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(server.Address, "/hubs/pos"), o =>
                    {
                        o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    })
                    .Build();
                connection.On<JsonElement>("changes.available", p =>
                {
                    if (p.GetProperty("branch_id").ValueKind != JsonValueKind.Null)
                        received.Enqueue((i, p.GetProperty("server_seq").GetInt64(), Stopwatch.GetTimestamp()));
                });
                await connection.StartAsync();
                return connection;
            })));
        }

        Console.WriteLine($"{clients:N0} clients connected");
        var latencies = new List<double>(clients * events);
        var missed = 0;
        for (var e = 0; e < events; e++)
        {
            received.Clear();
            await using var scope = server.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TillDbContext>();
            context.Tenant.Use(shop.TenantId, shop.OwnerId);
            var device = await context.Devices.FirstAsync(d => d.Id == target);
            device.Name = $"event {e}";
            var started = Stopwatch.GetTimestamp();
            await context.SaveChangesAsync();

            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (received.Count < clients && DateTime.UtcNow < deadline) await Task.Delay(5);
            var firstPerClient = received.GroupBy(r => r.Client).Select(g => g.Min(r => r.At)).ToList();
            latencies.AddRange(firstPerClient.Select(at => Stopwatch.GetElapsedTime(started, at).TotalMilliseconds));
            missed += clients - firstPerClient.Count;
            await Task.Delay(100);
        }

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return new Result(clients, latencies, missed);
    }

    private static double P(List<double> values, int percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
