using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Till.Core.Licensing;
using Till.Core.Pricing;
using Till.Sdk;

namespace Till.Terminal;

/// <summary>
/// The terminal's running parts: the local store, the API client, the sync engine, the real-time
/// client and the licence guard. Before activation only <see cref="ActivateAsync"/> works.
/// </summary>
internal sealed partial class TerminalHost(IOptions<TerminalOptions> options, TimeProvider clock, ILogger<TerminalHost> logger) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TillApiClient? _api;
    private SyncEngine? _engine;
    private RealtimeClient? _realtime;
    private LicenseVerifier? _verifier;

    public LocalStore Store { get; private set; } = null!;
    public CashRegister Register { get; private set; } = null!;
    public SyncEngine? Engine => _engine;
    public bool IsActivated => Store.Device is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.DataDirectory);
        Store = LocalStore.Open(Path.Combine(options.Value.DataDirectory, "terminal.db"));
        Register = new CashRegister(Store, clock) { SaleGate = RefusalToSell };
        if (Store.Device is { } device) await StartSyncAsync(device, cancellationToken);
    }

    /// <summary>
    /// Activates this PC: a manager signs in, the device is registered in the branch, the licence
    /// seat is activated, the device signs in with its id, and the branch is bootstrapped.
    /// </summary>
    public async Task<DeviceProfile> ActivateAsync(ActivationRequest request, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (IsActivated) throw new InvalidOperationException("This terminal is already activated.");
            var server = new Uri(request.ServerUrl!);
            using var manager = NewClient(server);
            await manager.LoginAsync(request.Tenant!, request.Username!, request.Password!, null, ct);
            var branches = await manager.GetAsync<JsonElement>("/api/branches?per_page=100", ct);
            var branch = branches.GetProperty("data").EnumerateArray()
                .First(b => request.BranchId is null || b.GetProperty("id").GetGuid() == request.BranchId);
            var branchId = branch.GetProperty("id").GetGuid();
            var device = await manager.PostAsync<JsonElement>("/api/devices",
                new { branch_id = branchId, code = request.DeviceCode, name = $"Till {request.DeviceCode}" }, ct);
            var deviceId = device.GetProperty("id").GetGuid();
            JsonElement licence;
            Guid warehouseId;
            try
            {
                var warehouses = await manager.GetAsync<JsonElement>($"/api/warehouses?branch_id={branchId}", ct);
                warehouseId = warehouses.EnumerateArray().First(w => w.GetProperty("is_default").GetBoolean()).GetProperty("id").GetGuid();
                licence = await manager.PostAsync<JsonElement>("/api/license/activate",
                    new { license_key = request.LicenseKey, device_id = deviceId, fingerprint = Fingerprint(deviceId) }, ct);
            }
            catch
            {
                // The device registered a moment ago holds no seat: take it back, so that activating again (say, once the
                // tenant has a licence) can use the same till code instead of finding it taken.
                await RemoveDeviceAsync(manager, deviceId);
                throw;
            }

            var profile = new DeviceProfile(server, request.Tenant!, deviceId, branchId, branch.GetProperty("code").GetString()!, request.DeviceCode!,
                warehouseId, branch.GetProperty("currency").GetString()!, Enum.Parse<TaxMode>(branch.GetProperty("tax_mode").GetString()!, ignoreCase: true));
            var api = NewClient(server);
            await api.LoginAsync(request.Tenant!, request.Username!, request.Password!, deviceId, ct);
            Store.SaveTokens(api.Tokens!);
            Store.SaveLicense(licence.GetProperty("token").GetString()!, licence.GetProperty("public_key").GetString()!);
            Store.SaveDevice(profile);
            api.Dispose();
            await StartSyncAsync(profile, ct);
            await _engine!.BootstrapAsync(ct);
            LogActivated(logger, profile.DeviceCode, profile.BranchCode);
            return profile;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RemoveDeviceAsync(TillApiClient manager, Guid deviceId)
    {
        try
        {
            await manager.DeleteAsync($"/api/devices/{deviceId}", CancellationToken.None);
        }
        catch (TillApiException e)
        {
            LogDeviceLeft(logger, deviceId, e.Message);
        }
    }

    /// <summary>The licence decision now (Till.Core's offline rule on the stored token).</summary>
    public LicenseDecision License()
    {
        if (Store.Device is not { } device) return LicenseDecision.Invalid("The terminal is not activated.");
        if (Store.LicensePublicKey is not { } pem) return LicenseDecision.Invalid("No licence key is stored.");
        _verifier ??= LicenseVerifier.FromPem(pem);
        return new LicenseGuard(Store, _verifier, Fingerprint(device.DeviceId), clock).Check();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_engine is not null) await _engine.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_realtime is not null) await _realtime.DisposeAsync();
        if (_engine is not null) await _engine.DisposeAsync();
        _api?.Dispose();
        _verifier?.Dispose();
        Store?.Dispose();
        _gate.Dispose();
    }

    private string? RefusalToSell()
    {
        var decision = License();
        return decision.CanSell ? null : $"Selling is blocked: the licence is {decision.State.ToString().ToLowerInvariant()} ({decision.Reason}).";
    }

    private async Task StartSyncAsync(DeviceProfile device, CancellationToken ct)
    {
        _api = NewClient(device.ServerUrl);
        _api.UseTokens(Store.Tokens);
        _api.TokensChanged += Store.SaveTokens;
        _engine = new SyncEngine(Store, _api, clock: clock);
        _engine.Start();
        if (!options.Value.Realtime) return;
        _realtime = new RealtimeClient(device.ServerUrl, () => _api.AccessToken, _engine.Nudge, options.Value.ServerHandler);
        try
        {
            await _realtime.StartAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            // Offline at start: periodic pulls cover it; the connection retries when the app restarts.
            LogRealtimeUnavailable(logger, e.Message);
        }
    }

    private TillApiClient NewClient(Uri server) => new(server, options.Value.ServerHandler?.Invoke());

    /// <summary>A stable id of this PC and device, bound to the licence seat.</summary>
    private static string Fingerprint(Guid deviceId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{Environment.MachineName}|{deviceId}")))[..32];

    [LoggerMessage(Level = LogLevel.Information, Message = "Activated as device {Device} of branch {Branch}")]
    private static partial void LogActivated(ILogger logger, string device, string branch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation failed and device {Device} could not be removed from the server: {Reason}")]
    private static partial void LogDeviceLeft(ILogger logger, Guid device, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Real-time connection unavailable: {Reason}")]
    private static partial void LogRealtimeUnavailable(ILogger logger, string reason);
}
