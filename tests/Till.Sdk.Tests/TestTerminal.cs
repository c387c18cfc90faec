using Till.Core.Pricing;
using Till.Server.Tests.Infrastructure;

namespace Till.Sdk.Tests;

/// <summary>A terminal built from the real SDK, talking to the in-process server through a <see cref="FaultyNetwork"/>.</summary>
public sealed class TestTerminal : IAsyncDisposable
{
    private TestTerminal(TillApp app, string file, FaultyNetwork network, TillApiClient api, LocalStore store, SyncEngineOptions options)
    {
        App = app;
        File = file;
        Network = network;
        Api = api;
        Store = store;
        Options = options;
        Engine = new SyncEngine(store, api, options);
        Register = new CashRegister(store);
    }

    public TillApp App { get; }
    public string File { get; }
    public FaultyNetwork Network { get; }
    public TillApiClient Api { get; }
    public LocalStore Store { get; private set; }
    public SyncEngine Engine { get; private set; }
    public CashRegister Register { get; private set; }
    public SyncEngineOptions Options { get; }
    public Guid DeviceId => Store.Device!.DeviceId;

    /// <summary>Registers device <paramref name="code"/>, signs in with its id and stores its profile (no bootstrap yet).</summary>
    public static async Task<TestTerminal> ActivateAsync(TillApp app, TestTenant tenant, string code, string? file = null, SyncEngineOptions? options = null)
    {
        var device = await tenant.AddDeviceAsync(code);
        file ??= Path.Combine(Path.GetTempPath(), $"till-terminal-{Guid.NewGuid():N}.db");
        var network = new FaultyNetwork(app.Server.CreateHandler());
        var api = new TillApiClient(app.Server.BaseAddress, network, new TillApiOptions { MaxRetries = 0 });
        var store = LocalStore.Open(file);
        await api.LoginAsync(tenant.Code, "owner", TestTenant.Password, device.DeviceId);
        store.SaveTokens(api.Tokens!);
        store.SaveDevice(new DeviceProfile(app.Server.BaseAddress, tenant.Code, device.DeviceId, tenant.BranchId, "B1", code,
            tenant.WarehouseId, "USD", TaxMode.Exclusive));
        var terminal = new TestTerminal(app, file, network, api, store, options ?? new SyncEngineOptions { Random = new Random(1) });
        api.TokensChanged += t => terminal.Store.SaveTokens(t);
        return terminal;
    }

    /// <summary>Simulates killing the process: everything in memory is dropped and the SQLite file reopened.</summary>
    public async Task RestartAsync()
    {
        await Engine.DisposeAsync();
        Store.Dispose();
        Store = LocalStore.Open(File);
        Api.UseTokens(Store.Tokens);
        Engine = new SyncEngine(Store, Api, Options);
        Register = new CashRegister(Store);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Store.Dispose();
        Api.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                System.IO.File.Delete(File + suffix);
            }
            catch (IOException)
            {
            }
        }
    }
}
