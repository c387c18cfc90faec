using System.Globalization;

namespace Till.Bench;

/// <summary>
/// CPU time the whole machine and the local PostgreSQL server spent between two readings, from
/// Linux's <c>/proc</c> (zero elsewhere). On a machine the benchmark keeps busy, CPU per order is a
/// steadier figure than orders per second, which moves with everything else the machine runs.
/// The database's share counts only a server on this machine (processes named <c>postgres</c>).
/// </summary>
internal readonly record struct MachineCpu(TimeSpan Busy, TimeSpan Postgres)
{
    private static readonly double Tick = 1.0 / 100; // USER_HZ: 100 on every Linux architecture .NET runs on

    public static MachineCpu Read() => OperatingSystem.IsLinux() ? new(ReadBusy(), ReadPostgres()) : default;

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) => new(after.Busy - before.Busy, after.Postgres - before.Postgres);

    /// <summary>"machine 540 µs (database 210 µs) CPU per order", for <paramref name="items"/> items.</summary>
    public string PerItem(int items, string item) => Busy == TimeSpan.Zero ? "" :
        $"whole machine: {Busy.TotalMicroseconds / items:F0} µs CPU per {item}, of which the local PostgreSQL server {Postgres.TotalMicroseconds / items:F0} µs";

    /// <summary>Every core's time that was neither idle nor waiting for I/O (first line of <c>/proc/stat</c>).</summary>
    private static TimeSpan ReadBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal ...
        for (var i = 1; i < fields.Length && i <= 8; i++)
            if (i is not 4 and not 5) busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(busy * Tick);
    }

    /// <summary>
    /// User and system time of every live <c>postgres</c> process, plus what the server's exited children
    /// (short-lived backends, vacuum workers) left on their parents.
    /// </summary>
    private static TimeSpan ReadPostgres()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0])) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < 0 || stat[(open + 1)..close] != "postgres") continue;
            // After the name: state ppid ... utime(14) stime(15) cutime(16) cstime(17), counted from 1 in proc(5).
            var rest = stat[(close + 2)..].Split(' ');
            ticks += long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            if (rest[1] == "1" || !IsPostgres(rest[1])) ticks += long.Parse(rest[13], CultureInfo.InvariantCulture) + long.Parse(rest[14], CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(ticks * Tick);
    }

    private static bool IsPostgres(string pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres"; }
        catch (IOException) { return false; }
    }
}
