using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Till.Server.Licensing;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Licensing;

public abstract class LicenseAlertTests(TillApp app)
{
    [Fact]
    public async Task ActivationAlert_WithSmtpConfigured_ArrivesAtARealSmtpListener()
    {
        await using var smtp = new SmtpTestServer();
        await using var mailing = app.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Till alerts <alerts@till.test>",
            ["Licensing:AlertRecipients:0"] = "reseller@till.test",
        })));
        var tenant = await app.CreateTenantAsync();
        await app.WithDbAsync(tenant.Id, db => db.Users.Where(u => u.Id == tenant.OwnerId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "owner@shop.test")));
        var license = await app.GenerateLicenseAsync(tenant, seats: 3);
        var device = (await tenant.AddDeviceAsync("T7")).DeviceId;
        var client = mailing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Owner.AccessToken);

        var response = await LicenseTestData.ActivateAsync(client, device, license.Key, "fp-mail-test-0001");
        // Other tests' licences may be mailed about too (this app's expiry job also runs): wait for ours.
        var mail = await smtp.WaitForMailAsync(m => m.Data.Contains(license.Key, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alerts@till.test", mail.From);
        Assert.Equal(["owner@shop.test", "reseller@till.test"], mail.To.Order());
        Assert.Contains("Subject: Till T7 (Till T7) activated", mail.Data, StringComparison.Ordinal);
        Assert.Contains($"activated on licence {license.Key}", mail.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiryCheck_RaisesExpiringWithin14DaysThenExpired_EachOnce()
    {
        var tenant = await app.CreateTenantAsync();
        var now = DateTime.UtcNow;
        var license = await app.GenerateLicenseAsync(tenant, seats: 1, expiresAt: now.AddDays(10));

        await RunCheckAsync(now.AddDays(-5));
        var fifteenDaysBefore = await AlertsAsync(tenant.Id);
        await RunCheckAsync(now);
        await RunCheckAsync(now.AddHours(1));
        var expiringOnly = await AlertsAsync(tenant.Id);
        await RunCheckAsync(now.AddDays(11));
        await RunCheckAsync(now.AddDays(12));
        var afterExpiry = await AlertsAsync(tenant.Id);

        Assert.Equal((0, 0), fifteenDaysBefore);
        Assert.Equal((1, 0), expiringOnly);
        Assert.Equal((1, 1), afterExpiry);
        var message = await app.WithDbAsync(tenant.Id, db => db.Activities.Where(a => a.Kind == LicenseAlerts.Expiring).Select(a => a.Message).FirstAsync());
        Assert.Contains(license.Key, message, StringComparison.Ordinal);
        Assert.Contains("in 10 day(s)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiryMonitor_OnAFakeClock_ChecksDailyAndWarnsOnceTheLicenceIsWithin14Days()
    {
        var tenant = await app.CreateTenantAsync();
        var start = DateTimeOffset.UtcNow;
        await app.GenerateLicenseAsync(tenant, seats: 1, expiresAt: start.UtcDateTime.AddDays(20));
        var clock = new FakeTimeProvider(start);
        using var monitor = new LicenseExpiryMonitor(app.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            Options.Create(new LicensingOptions()), NullLogger<LicenseExpiryMonitor>.Instance);

        await monitor.StartAsync(CancellationToken.None);
        var quietDays = new List<double>();
        double? warnedOnDay = null;
        // Advance one day at a time (bounded) and look for the warning after each daily run.
        for (var step = 0; step < 40 && warnedOnDay is null; step++)
        {
            var elapsed = (clock.GetUtcNow() - start).TotalDays;
            if (await WaitForAlertAsync(tenant.Id)) warnedOnDay = elapsed;
            else quietDays.Add(elapsed);
            clock.Advance(TimeSpan.FromDays(1));
        }

        await monitor.StopAsync(CancellationToken.None);

        Assert.NotNull(warnedOnDay);
        Assert.True(warnedOnDay >= 6, $"warned on day {warnedOnDay}, but the licence was still more than 14 days from expiry");
        Assert.Contains(0d, quietDays);
    }

    private async Task<int> RunCheckAsync(DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LicenseExpiryCheck>().RunAsync(now, CancellationToken.None);
    }

    private Task<(int Expiring, int Expired)> AlertsAsync(Guid tenantId) => app.WithDbAsync(tenantId, async db => (
        await db.Activities.CountAsync(a => a.Kind == LicenseAlerts.Expiring),
        await db.Activities.CountAsync(a => a.Kind == LicenseAlerts.Expired)));

    /// <summary>Polls briefly for the expiring alert, since the monitor runs on its own task.</summary>
    private async Task<bool> WaitForAlertAsync(Guid tenantId)
    {
        for (var i = 0; i < 10; i++)
        {
            if ((await AlertsAsync(tenantId)).Expiring > 0) return true;
            await Task.Delay(50);
        }

        return false;
    }
}

public sealed class LicenseAlertTestsSqlite(SqliteApp app) : LicenseAlertTests(app);

public sealed class LicenseAlertTestsPostgres(PostgresApp app) : LicenseAlertTests(app);
