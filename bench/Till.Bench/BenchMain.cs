namespace Till.Bench;

/// <summary>
/// Till benchmarks. Usage:
/// <c>dotnet run -c Release --project bench/Till.Bench -- csv-import [--rows 100000] [--postgres "Host=...;Username=...;Password=..."]</c>
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
            default:
                await Console.Error.WriteLineAsync("Usage: Till.Bench csv-import [--rows N] [--postgres \"Host=...;Username=...;Password=...\"]");
                return 2;
        }
    }
}
