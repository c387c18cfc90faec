namespace Till.Bench;

/// <summary>
/// Till benchmarks. Usage:
/// <c>dotnet run -c Release --project bench/Till.Bench -- csv-import|snapshot [--rows 100000] | checkout [--rows orders] [--clients 16] | fanout [--clients 1000] [--events 30]</c>, optionally <c>--postgres "Host=...;Username=...;Password=..."</c>
/// <c>dotnet run -c Release --project bench/Till.Bench -- csv-import|snapshot [--rows 100000] | fanout [--clients 1000] [--events 30] | terminal [--rows 100000] | offline-reconnect [--rows 1000]</c>, optionally <c>--postgres "Host=...;Username=...;Password=..."</c>
/// </summary>
/// <remarks>A named entry point: a top-level one would clash with the server's <c>Program</c> the bench hosts.</remarks>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "csv-import":
                return await CsvImportBenchmark.RunAsync(Options.Parse(args[1..]));
            case "snapshot":
                return await SnapshotBenchmark.RunAsync(Options.Parse(args[1..]));
            case "checkout":
                return await CheckoutBenchmark.RunAsync(Options.Parse(args[1..]));
            case "fanout":
                return await FanoutBenchmark.RunAsync(Options.Parse(args[1..]));
            case "push-ingest":
                return await PushIngestBenchmark.RunAsync(Options.Parse(args[1..]));
            case "terminal":
                return await TerminalBenchmark.RunAsync(Options.Parse(args[1..]));
            case "offline-reconnect":
                return await OfflineReconnectBenchmark.RunAsync(Options.Parse(args[1..]));
            default:
                await Console.Error.WriteLineAsync("Usage: Till.Bench csv-import|snapshot|terminal|offline-reconnect [--rows N] | checkout|push-ingest [--rows N] [--clients N] | fanout [--clients N] [--events N]  [--postgres \"Host=...;Username=...;Password=...\"]");
                return 2;
        }
    }
}
