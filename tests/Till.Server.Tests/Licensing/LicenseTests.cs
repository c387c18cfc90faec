using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till.Core.Licensing;
using Till.Server.Licensing;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Licensing;

public abstract class LicenseTests(TillApp app)
{
    private const string Fingerprint = "fp-0123456789abcdef";

    [Fact]
    public async Task Activate_NewDevice_ReturnsATokenTheTillAcceptsOffline()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var device = await AddDeviceAsync(tenant, "T1");

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/license/activate", new { license_key = license.Key, device_id = device, fingerprint = Fingerprint });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.NodeAsync();
        Assert.Equal("valid", body["decision"]!["state"]!.GetValue<string>());
        using var verifier = LicenseVerifier.FromPem(await PublicKeyAsync());
        var decision = verifier.Check(body["token"]!.GetValue<string>(), device, Fingerprint, DateTime.UtcNow);
        Assert.Equal(LicenseState.Valid, decision.State);
        Assert.Equal(tenant.Id, decision.Claims!.TenantId);
        Assert.Equal(license.Id, decision.Claims.LicenseId);
        Assert.Equal(["loyalty", "restaurant"], decision.Claims.Features.Order());
        Assert.Equal(decision.Claims.VerifiedAt + LicenseRules.VerificationInterval, decision.Claims.VerifyBy);
        var fingerprint = await app.WithDbAsync(tenant.Id, db => db.Devices.Where(d => d.Id == device).Select(d => d.Fingerprint).FirstAsync());
        Assert.Equal(Fingerprint, fingerprint);
    }

    [Fact]
    public async Task Activate_SameDeviceTwice_ReturnsTheSameSeatAndUsesOneSeat()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var device = await AddDeviceAsync(tenant, "T1");

        var first = await ActivateAsync(tenant.Owner.Client, device, license.Key);
        var second = await ActivateAsync(tenant.Owner.Client, device, license.Key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.NodeAsync())["seat_id"]!.GetValue<Guid>(), (await second.NodeAsync())["seat_id"]!.GetValue<Guid>());
        var detail = await (await tenant.Owner.Client.GetAsync($"/api/license/licenses/{license.Id}")).NodeAsync();
        Assert.Equal(1, detail["license"]!["seats_used"]!.GetValue<int>());
        Assert.Single(detail["activations"]!.AsArray());
    }

    [Fact]
    public async Task Activate_WhenSeatsAreUsedUp_Returns409NamingTheDevicesThatHoldThem()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var t1 = await AddDeviceAsync(tenant, "T1");
        var t2 = await AddDeviceAsync(tenant, "T2");
        var t3 = await AddDeviceAsync(tenant, "T3");
        await ActivateAsync(tenant.Owner.Client, t1, license.Key);
        await ActivateAsync(tenant.Owner.Client, t2, license.Key);

        var refused = await ActivateAsync(tenant.Owner.Client, t3, license.Key);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.NodeAsync();
        Assert.Contains("T1", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("T2", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([t1, t2], problem["devices"]!.AsArray().Select(d => d!["device_id"]!.GetValue<Guid>()).Order());
        var (seats, alerts) = await app.WithDbAsync(tenant.Id, async db => (
            await db.LicenseActivations.CountAsync(a => a.DeactivatedAt == null),
            await db.Activities.CountAsync(a => a.Kind == LicenseAlerts.SeatLimitReached)));
        Assert.Equal(2, seats);
        Assert.True(alerts >= 1);
    }

    [Fact]
    public async Task Verify_AfterTheDueDate_IssuesAFreshTokenThatMaySellAgain()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 1);
        var device = await AddDeviceAsync(tenant, "T1");
        var firstToken = (await (await ActivateAsync(tenant.Owner.Client, device, license.Key)).NodeAsync())["token"]!.GetValue<string>();
        // The till last reached the server 40 days ago.
        await app.WithDbAsync(tenant.Id, db => db.LicenseActivations.Where(a => a.DeviceId == device)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastVerifiedAt, DateTime.UtcNow.AddDays(-40))));
        var before = await GuardAsync(tenant.Id, device);

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/license/verify", new { device_id = device, fingerprint = Fingerprint });

        Assert.Equal(LicenseState.VerificationOverdue, before.State);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.NodeAsync();
        var token = body["token"]!.GetValue<string>();
        Assert.NotEqual(firstToken, token);
        using var verifier = LicenseVerifier.FromPem(await PublicKeyAsync());
        var decision = verifier.Check(token, device, Fingerprint, DateTime.UtcNow);
        Assert.Equal(LicenseState.Valid, decision.State);
        Assert.True(decision.Claims!.VerifyBy > DateTime.UtcNow.AddDays(29));
        Assert.Equal(LicenseState.Valid, (await GuardAsync(tenant.Id, device)).State);
    }

    [Fact]
    public async Task Deactivate_FreesTheSeatForAnotherDevice()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 1);
        var t1 = await AddDeviceAsync(tenant, "T1");
        var t2 = await AddDeviceAsync(tenant, "T2");
        await ActivateAsync(tenant.Owner.Client, t1, license.Key);
        Assert.Equal(HttpStatusCode.Conflict, (await ActivateAsync(tenant.Owner.Client, t2, license.Key)).StatusCode);

        var freed = await tenant.Owner.Client.PostAsJsonAsync("/api/license/deactivate", new { device_id = t1 });
        var taken = await ActivateAsync(tenant.Owner.Client, t2, license.Key);

        Assert.Equal(HttpStatusCode.NoContent, freed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var verifyOld = await tenant.Owner.Client.PostAsJsonAsync("/api/license/verify", new { device_id = t1, fingerprint = Fingerprint });
        Assert.Equal(HttpStatusCode.NotFound, verifyOld.StatusCode);
        Assert.Equal(LicenseState.Invalid, (await GuardAsync(tenant.Id, t1)).State);
        var again = await tenant.Owner.Client.PostAsJsonAsync("/api/license/deactivate", new { device_id = t1 });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task DeletingADevice_FreesItsSeatForAReplacement()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 1);
        var broken = await AddDeviceAsync(tenant, "T1");
        var replacement = await AddDeviceAsync(tenant, "T2");
        await ActivateAsync(tenant.Owner.Client, broken, license.Key);
        Assert.Equal(HttpStatusCode.Conflict, (await ActivateAsync(tenant.Owner.Client, replacement, license.Key)).StatusCode);

        var deleted = await tenant.Owner.Client.DeleteAsync($"/api/devices/{broken}");
        var taken = await ActivateAsync(tenant.Owner.Client, replacement, license.Key);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var seats = await app.WithDbAsync(tenant.Id, db => db.LicenseActivations.Where(a => a.LicenseId == license.Id)
            .Select(a => new { a.DeviceId, a.DeactivatedAt }).ToListAsync());
        Assert.NotNull(Assert.Single(seats, a => a.DeviceId == broken).DeactivatedAt);
        Assert.Null(Assert.Single(seats, a => a.DeviceId == replacement).DeactivatedAt);
    }

    [Fact]
    public async Task Token_FromTheServer_IsRefusedOnAnotherDeviceAndWhenTampered()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var device = await AddDeviceAsync(tenant, "T1");
        var token = (await (await ActivateAsync(tenant.Owner.Client, device, license.Key)).NodeAsync())["token"]!.GetValue<string>();
        using var verifier = LicenseVerifier.FromPem(await PublicKeyAsync());
        var parts = token.Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!;
        payload["expires_at"] = DateTime.UtcNow.AddYears(20).ToString("O");
        var tampered = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[1];

        var otherDevice = verifier.Check(token, Guid.CreateVersion7(), Fingerprint, DateTime.UtcNow);
        var otherHardware = verifier.Check(token, device, "fp-another-machine", DateTime.UtcNow);
        var edited = verifier.Check(tampered, device, Fingerprint, DateTime.UtcNow);

        Assert.Equal(LicenseState.Invalid, otherDevice.State);
        Assert.Equal(LicenseState.Invalid, otherHardware.State);
        Assert.Equal(LicenseState.Invalid, edited.State);
        Assert.False(edited.CanSell);
    }

    [Fact]
    public async Task ExpiredLicence_RefusesNewSalesButStillAllowsSyncAndRefunds()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var device = await AddDeviceAsync(tenant, "T1");
        var other = await AddDeviceAsync(tenant, "T2");
        await ActivateAsync(tenant.Owner.Client, device, license.Key);
        await app.WithDbAsync(tenant.Id, db => db.Licenses.Where(l => l.Id == license.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        var verify = await tenant.Owner.Client.PostAsJsonAsync("/api/license/verify", new { device_id = device, fingerprint = Fingerprint });
        var guard = await GuardAsync(tenant.Id, device);
        var newActivation = await ActivateAsync(tenant.Owner.Client, other, license.Key);

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var decision = (await verify.NodeAsync())["decision"]!;
        Assert.Equal("expired", decision["state"]!.GetValue<string>());
        Assert.False(decision["can_sell"]!.GetValue<bool>());
        Assert.Equal(LicenseState.Expired, guard.State);
        Assert.False(guard.Allows(LicensedOperation.Sell));
        Assert.True(guard.Allows(LicensedOperation.Sync));
        Assert.True(guard.Allows(LicensedOperation.Refund));
        Assert.True(guard.Allows(LicensedOperation.Reports));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, newActivation.StatusCode);
    }

    [Fact]
    public async Task Generate_AsTenantOwner_Returns403AndCreatesNothing()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/license/generate",
            new { tenant_id = tenant.Id, plan = "pro", seats = 99, expires_at = DateTime.UtcNow.AddYears(1) });
        var anonymous = await app.Anonymous().PostAsJsonAsync("/api/license/generate",
            new { tenant_id = tenant.Id, plan = "pro", seats = 99, expires_at = DateTime.UtcNow.AddYears(1) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Licenses.CountAsync()));
    }

    [Fact]
    public async Task Generate_AsSuperAdmin_IssuesALicenceOnlyThatTenantSees()
    {
        var tenant = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();

        var license = await GenerateAsync(tenant, seats: 3);

        var list = await (await tenant.Owner.Client.GetAsync("/api/license/licenses")).NodeAsync();
        var entry = Assert.Single(list["data"]!.AsArray())!;
        Assert.Equal(license.Key, entry["key"]!.GetValue<string>());
        Assert.Equal(3, entry["seats"]!.GetValue<int>());
        Assert.Equal("active", entry["status"]!.GetValue<string>());
        Assert.Matches("^TILL(-[0-9A-Z]{5}){4}$", license.Key);
        Assert.Empty((await (await stranger.Owner.Client.GetAsync("/api/license/licenses")).NodeAsync())["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Owner.Client.GetAsync($"/api/license/licenses/{license.Id}")).StatusCode);
        var strangerDevice = await AddDeviceAsync(stranger, "T1");
        Assert.Equal(HttpStatusCode.NotFound, (await ActivateAsync(stranger.Owner.Client, strangerDevice, license.Key)).StatusCode);
    }

    [Fact]
    public async Task Generate_InvalidRequest_Returns400WithEveryFieldAndCreatesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.CreatePlatformAdminAsync();

        var response = await admin.Owner.Client.PostAsJsonAsync("/api/license/generate",
            new { tenant_id = tenant.Id, plan = "pro plan!", seats = 0, features = new[] { "ok", "not ok" } });
        var past = await admin.Owner.Client.PostAsJsonAsync("/api/license/generate",
            new { tenant_id = tenant.Id, plan = "pro", seats = 1, expires_at = DateTime.UtcNow.AddDays(-1) });
        var unknownTenant = await admin.Owner.Client.PostAsJsonAsync("/api/license/generate",
            new { tenant_id = Guid.CreateVersion7(), plan = "pro", seats = 1, expires_at = DateTime.UtcNow.AddDays(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.NodeAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("plan"));
        Assert.True(errors.ContainsKey("seats"));
        Assert.True(errors.ContainsKey("features"));
        Assert.True(errors.ContainsKey("expires_at"));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownTenant.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.Licenses.CountAsync()));
    }

    [Fact]
    public async Task Activate_ByACashier_IsForbiddenUnlessSignedInOnThatTill()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var device = await AddDeviceAsync(tenant, "T1");
        var cashier = await tenant.AddUserAsync("cash", "cashier");
        var onTheTill = await tenant.LoginAsync("cash", deviceId: device);

        var fromOffice = await ActivateAsync(cashier.Client, device, license.Key);
        var fromTheTill = await ActivateAsync(onTheTill.Client, device, license.Key);

        Assert.Equal(HttpStatusCode.Forbidden, fromOffice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromTheTill.StatusCode);
    }

    [Fact]
    public async Task Activate_WithoutKey_UsesTheTenantsOnlyLicence_AndOtherHardwareIsRefused()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var device = await AddDeviceAsync(tenant, "T1");

        var response = await tenant.Owner.Client.PostAsJsonAsync("/api/license/activate", new { device_id = device, fingerprint = Fingerprint });
        var moved = await tenant.Owner.Client.PostAsJsonAsync("/api/license/activate", new { device_id = device, fingerprint = "fp-cloned-disk-0001" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(license.Id, (await response.NodeAsync())["license_id"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"device_id\": \"not-a-uuid\", \"fingerprint\": \"fp-0123456789\"}")]
    [InlineData("{\"device_id\": \"0195f7d4-7b8a-7c3d-9e10-2f3a4b5c6d7e\", \"fingerprint\": \"short\"}")]
    [InlineData("[1, 2]")]
    public async Task Activate_MalformedBody_Returns400AndTakesNoSeat(string body)
    {
        var tenant = await app.CreateTenantAsync();
        await GenerateAsync(tenant, seats: 1);

        var response = await tenant.Owner.Client.PostAsync("/api/license/activate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.WithDbAsync(tenant.Id, db => db.LicenseActivations.CountAsync()));
    }

    [Fact]
    public async Task Activate_WithoutSmtp_RecordsTheAlertInTheActivityFeedAndAuditLog()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var device = await AddDeviceAsync(tenant, "T1");

        await ActivateAsync(tenant.Owner.Client, device, license.Key);

        var feed = await (await tenant.Owner.Client.GetAsync("/api/dashboard/activities?kind=license.activated")).NodeAsync();
        var line = Assert.Single(feed["data"]!.AsArray())!;
        Assert.Contains("T1", line["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("1 of 2 seat(s)", line["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var audited = await app.WithDbAsync(tenant.Id, db => db.AuditLogs.AnyAsync(a => a.EntityType == nameof(LicenseActivation) && a.Action == "create"));
        Assert.True(audited);
    }

    [Fact]
    public async Task PublicKey_IsPublishedAndItsPrivateKeyFileIsOwnerOnly()
    {
        var response = await app.Anonymous().GetAsync("/api/license/public-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.NodeAsync();
        Assert.Equal("ES256", body["algorithm"]!.GetValue<string>());
        var key = app.Services.GetRequiredService<LicenseSigningKey>();
        Assert.Equal(key.PublicKeyPem, body["public_key"]!.GetValue<string>());
        Assert.True(File.Exists(key.Source));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key.Source));
        using var fromFile = System.Security.Cryptography.ECDsa.Create();
        fromFile.ImportFromPem(await File.ReadAllTextAsync(key.Source));
        Assert.Equal(key.PublicKeyPem, fromFile.ExportSubjectPublicKeyInfoPem());
    }

    [Fact]
    public async Task Update_BySuperAdmin_SuspendsAndResizes_AndTheTillsSeeIt()
    {
        var tenant = await app.CreateTenantAsync();
        var license = await GenerateAsync(tenant, seats: 2);
        var t1 = await AddDeviceAsync(tenant, "T1");
        var t2 = await AddDeviceAsync(tenant, "T2");
        await ActivateAsync(tenant.Owner.Client, t1, license.Key);
        await ActivateAsync(tenant.Owner.Client, t2, license.Key);
        var admin = await app.CreatePlatformAdminAsync();

        var byOwner = await tenant.Owner.Client.PutAsJsonAsync($"/api/license/licenses/{license.Id}", new { status = "suspended" });
        var tooFewSeats = await admin.Owner.Client.PutAsJsonAsync($"/api/license/licenses/{license.Id}", new { seats = 1 });
        var suspended = await admin.Owner.Client.PutAsJsonAsync($"/api/license/licenses/{license.Id}", new { status = "suspended", seats = 5 });
        var verify = await tenant.Owner.Client.PostAsJsonAsync("/api/license/verify", new { device_id = t1, fingerprint = Fingerprint });
        var listed = await (await admin.Owner.Client.GetAsync($"/api/license/all?tenant_id={tenant.Id}")).NodeAsync();

        Assert.Equal(HttpStatusCode.Forbidden, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tooFewSeats.StatusCode);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, verify.StatusCode);
        Assert.Contains("suspended", (await verify.NodeAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(LicenseState.Invalid, (await GuardAsync(tenant.Id, t1)).State);
        var entry = Assert.Single(listed["data"]!.AsArray())!;
        Assert.Equal(5, entry["seats"]!.GetValue<int>());
        Assert.Equal(2, entry["seats_used"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Owner.Client.PutAsJsonAsync($"/api/license/licenses/{Guid.CreateVersion7()}", new { seats = 3 })).StatusCode);
    }

    private Task<IssuedLicense> GenerateAsync(TestTenant tenant, int seats) => app.GenerateLicenseAsync(tenant, seats);

    private static Task<HttpResponseMessage> ActivateAsync(HttpClient client, Guid device, string key) =>
        LicenseTestData.ActivateAsync(client, device, key, Fingerprint);

    private static async Task<Guid> AddDeviceAsync(TestTenant tenant, string code) => (await tenant.AddDeviceAsync(code)).DeviceId;

    private async Task<string> PublicKeyAsync() =>
        (await (await app.Anonymous().GetAsync("/api/license/public-key")).NodeAsync())["public_key"]!.GetValue<string>();

    private async Task<LicenseDecision> GuardAsync(Guid tenantId, Guid device)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var guard = scope.ServiceProvider.GetRequiredService<LicenseGuard>();
        scope.ServiceProvider.GetRequiredService<Till.Server.Tenancy.TenantContext>().Use(tenantId);
        return await guard.CheckAsync(device, CancellationToken.None);
    }
}

public sealed class LicenseTestsSqlite(SqliteApp app) : LicenseTests(app);

public sealed class LicenseTestsPostgres(PostgresApp app) : LicenseTests(app);
