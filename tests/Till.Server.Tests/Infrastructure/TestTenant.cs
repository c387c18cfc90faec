using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Till.Server.Tenancy;

namespace Till.Server.Tests.Infrastructure;

/// <summary>A tenant made for one test, with helpers to add users and sign them in.</summary>
public sealed class TestTenant
{
    public const string Password = "test-password-1";
    private readonly TillApp _app;
    private readonly ProvisionedTenant _created;

    internal TestTenant(TillApp app, string code, ProvisionedTenant created)
    {
        _app = app;
        Code = code;
        _created = created;
    }

    public string Code { get; }
    public Guid Id => _created.TenantId;
    public Guid BranchId => _created.BranchId;
    public Guid WarehouseId => _created.WarehouseId;
    public Guid OwnerId => _created.OwnerId;
    public Guid RoleId(string name) => _created.RoleIds[name];

    /// <summary>The owner's signed-in session.</summary>
    public Session Owner { get; internal set; } = null!;

    /// <summary>Creates a user with a built-in role through the API and signs them in.</summary>
    public async Task<Session> AddUserAsync(string username, string role, Guid? branchId = null)
    {
        var response = await Owner.Client.PostAsJsonAsync("/api/users", new
        {
            username,
            full_name = username,
            password = Password,
            role_id = RoleId(role),
            branch_id = branchId,
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating {username} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await LoginAsync(username);
    }

    /// <summary>Registers a terminal in <paramref name="branchId"/> (default: the first branch) and signs <paramref name="username"/> in on it.</summary>
    public async Task<DeviceSession> AddDeviceAsync(string code, Guid? branchId = null, string username = "owner", string password = Password)
    {
        var response = await Owner.Client.PostAsJsonAsync("/api/devices", new { branch_id = branchId ?? BranchId, code, name = $"Till {code}" });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating device {code} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.NodeAsync())["id"]!.GetValue<Guid>();
        return new DeviceSession(id, branchId ?? BranchId, await LoginAsync(username, password, id));
    }

    /// <summary>Adds a branch (with its default warehouse) through the API.</summary>
    public async Task<Guid> AddBranchAsync(string code)
    {
        var response = await Owner.Client.PostAsJsonAsync("/api/branches", new { code, name = $"Branch {code}", timezone = "UTC", currency = "USD", tax_mode = "exclusive" });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating branch {code} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.NodeAsync())["id"]!.GetValue<Guid>();
    }

    public async Task<Session> LoginAsync(string username, string password = Password, Guid? deviceId = null)
    {
        var response = await _app.Anonymous().PostAsJsonAsync("/api/auth/login", new { tenant = Code, username, password, device_id = deviceId });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Login of {username} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.NodeAsync();
        var access = body["access_token"]!.GetValue<string>();
        return new Session(_app.WithToken(access), access, body["refresh_token"]!.GetValue<string>(), body["user"]!["id"]!.GetValue<Guid>());
    }
}

/// <summary>A terminal and the session signed in on it (its token carries the device).</summary>
public sealed record DeviceSession(Guid DeviceId, Guid BranchId, Session Session)
{
    public HttpClient Client => Session.Client;
}

/// <summary>A signed-in user: an authenticated client and the tokens behind it.</summary>
public sealed record Session(HttpClient Client, string AccessToken, string RefreshToken, Guid UserId);
