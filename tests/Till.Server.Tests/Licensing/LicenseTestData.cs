using System.Net;
using System.Net.Http.Json;
using Till.Server.Tests.Infrastructure;

namespace Till.Server.Tests.Licensing;

internal sealed record IssuedLicense(Guid Id, string Key);

/// <summary>Licences and devices made through the API, as a super-admin and a tenant owner would.</summary>
internal static class LicenseTestData
{
    public static async Task<IssuedLicense> GenerateLicenseAsync(this TillApp app, TestTenant tenant, int seats, DateTime? expiresAt = null)
    {
        var admin = await app.CreatePlatformAdminAsync();
        var response = await admin.Owner.Client.PostAsJsonAsync("/api/license/generate", new
        {
            tenant_id = tenant.Id,
            plan = "pro",
            seats,
            features = new[] { "restaurant", "loyalty" },
            expires_at = expiresAt ?? DateTime.UtcNow.AddYears(1),
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Generating a licence failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.NodeAsync();
        return new IssuedLicense(body["id"]!.GetValue<Guid>(), body["key"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> ActivateAsync(HttpClient client, Guid device, string key, string fingerprint) =>
        client.PostAsJsonAsync("/api/license/activate", new { license_key = key, device_id = device, fingerprint });
}
