namespace Till.Bench;

internal sealed record Options(int Rows, string PostgresServer, int Clients = 1000, int Events = 30, IReadOnlyList<double>? Rates = null, int Seconds = 30, int OwnProducts = 0)
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres";

    public static Options Parse(string[] args)
    {
        var rows = 100_000;
        var clients = 1000;
        var events = 30;
        double[]? rates = null;
        var seconds = 30;
        var own = 0;
        var postgres = Environment.GetEnvironmentVariable("TILL_BENCH_POSTGRES") ?? DefaultPostgres;
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = args[i + 1]; break;
                case "--clients": clients = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                // One pace or several, comma-separated: --rate 16,32,64
                case "--rate": rates = [.. args[i + 1].Split(',').Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture))]; break;
                case "--seconds": seconds = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                // Checkout: each till sells only its own N products (0, the default: every till sells from all 200).
                case "--own-products": own = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--events": events = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }

        return new Options(rows, postgres, clients, events, rates, seconds, own);
    }
}
