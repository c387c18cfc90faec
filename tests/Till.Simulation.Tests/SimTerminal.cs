using Till.Core.Pricing;
using Till.Sdk;
using Till.Server.Tests.Infrastructure;

namespace Till.Simulation.Tests;

/// <summary>One till: the real SDK (store, register, engine) over a <see cref="SimNetwork"/>, with a skewed clock.</summary>
public sealed class SimTerminal : IAsyncDisposable
{
    private readonly SimulationOptions _options;
    private readonly int _pageSize;

    private SimTerminal(string code, string file, SimNetwork network, TillApiClient api, TimeProvider clock, SimulationOptions options, int pageSize)
    {
        _pageSize = pageSize;
        Code = code;
        File = file;
        Network = network;
        Api = api;
        Clock = clock;
        _options = options;
        Open();
    }

    public string Code { get; }
    public string File { get; }
    public SimNetwork Network { get; }
    public TillApiClient Api { get; }
    public TimeProvider Clock { get; }
    public LocalStore Store { get; private set; } = null!;
    public SyncEngine Engine { get; private set; } = null!;
    public CashRegister Register { get; private set; } = null!;
    public Guid DeviceId => Store.Device!.DeviceId;

    /// <summary>What the simulation expects each of this terminal's shifts to hold in cash.</summary>
    public Dictionary<Guid, decimal> ExpectedCash { get; } = [];

    /// <summary>Orders completed here: id, number and the lines sold.</summary>
    public List<Till.Core.Sync.Mutations.OrderComplete> Orders { get; } = [];

    public int Kills { get; private set; }

    public static async Task<SimTerminal> CreateAsync(SimServer server, TestTenant tenant, DeviceSession device, string code,
        Random random, TimeSpan skew, int pageSize, SimulationOptions options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"till-sim-terminal-{Guid.NewGuid():N}.db");
        var network = new SimNetwork(() => server.App.Server.CreateHandler(), new Random(random.Next())) { FaultsOn = false };
        var api = new TillApiClient(new Uri("http://localhost/"), network, new TillApiOptions { MaxRetries = 0 });
        api.UseTokens(new SessionTokens(device.Session.AccessToken, device.Session.RefreshToken, device.Session.UserId));
        using (var store = LocalStore.Open(file))
        {
            store.SaveTokens(api.Tokens!);
            store.SaveDevice(new DeviceProfile(new Uri("http://localhost/"), tenant.Code, device.DeviceId, tenant.BranchId, "B1", code,
                tenant.WarehouseId, "USD", TaxMode.Exclusive));
        }

        var terminal = new SimTerminal(code, file, network, api, new SkewedClock(skew), options, pageSize);
        api.TokensChanged += t => terminal.Store.SaveTokens(t);
        return terminal;
    }

    /// <summary>Kills the terminal: nothing in memory survives; the SQLite file is opened again.</summary>
    public async Task KillAsync()
    {
        await Engine.DisposeAsync();
        Store.Dispose();
        Kills++;
        Open();
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Store.Dispose();
        Api.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) System.IO.File.Delete(File + suffix);
    }

    private void Open()
    {
        Store = LocalStore.Open(File);
        Api.UseTokens(Store.Tokens);
        Engine = new SyncEngine(Store, Api, new SyncEngineOptions { PageSize = _pageSize, SnapshotPageSize = _options.SnapshotPageSize, Random = new Random(1) }, Clock)
        {
            UnsafeRenumberOnFailure = _options.BreakIdempotency,
            UnsafeCursorFromServerSeq = _options.BreakCursor,
        };
        Register = new CashRegister(Store, Clock);
    }
}
