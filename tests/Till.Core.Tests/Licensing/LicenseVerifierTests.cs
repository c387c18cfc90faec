using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Till.Core.Licensing;

namespace Till.Core.Tests.Licensing;

public sealed class LicenseVerifierTests : IDisposable
{
    private static readonly DateTime VerifiedAt = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid DeviceId = Guid.CreateVersion7();
    private const string Fingerprint = "fp-till-1";

    private readonly ECDsa _serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly LicenseVerifier _verifier;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(VerifiedAt));

    public LicenseVerifierTests()
    {
        _verifier = LicenseVerifier.FromPem(_serverKey.ExportSubjectPublicKeyInfoPem());
    }

    public void Dispose()
    {
        _verifier.Dispose();
        _serverKey.Dispose();
    }

    private LicenseClaims Claims(DateTime? expiresAt = null, Guid? deviceId = null) => new()
    {
        KeyId = LicenseToken.KeyIdOf(_serverKey),
        LicenseId = Guid.CreateVersion7(),
        SeatId = Guid.CreateVersion7(),
        TenantId = Guid.CreateVersion7(),
        DeviceId = deviceId ?? DeviceId,
        Fingerprint = Fingerprint,
        Plan = "pro",
        Features = ["restaurant", "loyalty"],
        IssuedAt = VerifiedAt,
        ExpiresAt = expiresAt ?? VerifiedAt.AddYears(1),
        VerifiedAt = VerifiedAt,
        VerifyBy = VerifiedAt + LicenseRules.VerificationInterval,
    };

    private LicenseDecision CheckAfterDays(string token, double days)
    {
        _clock.Advance(TimeSpan.FromDays(days));
        return _verifier.Check(token, DeviceId, Fingerprint, _clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public void Check_Day29AfterVerification_IsValidAndMaySell()
    {
        var token = LicenseToken.Sign(Claims(), _serverKey);

        var decision = CheckAfterDays(token, 29);

        Assert.Equal(LicenseState.Valid, decision.State);
        Assert.True(decision.CanSell);
        Assert.True(decision.HasFeature("restaurant"));
        Assert.Equal(VerifiedAt.AddDays(37), decision.GraceEndsAt);
    }

    [Fact]
    public void Check_Day31AfterVerification_IsInGraceAndMaySell()
    {
        var token = LicenseToken.Sign(Claims(), _serverKey);

        var decision = CheckAfterDays(token, 31);

        Assert.Equal(LicenseState.Grace, decision.State);
        Assert.True(decision.CanSell);
        Assert.Contains("6 day(s) of grace left", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Day37AfterVerification_IsTheLastMomentOfGrace()
    {
        var token = LicenseToken.Sign(Claims(), _serverKey);

        var decision = CheckAfterDays(token, 37);

        Assert.Equal(LicenseState.Grace, decision.State);
        Assert.True(decision.CanSell);
    }

    [Fact]
    public void Check_OneSecondAfterDay37_RefusesSales()
    {
        var token = LicenseToken.Sign(Claims(), _serverKey);

        var decision = CheckAfterDays(token, 37 + 1.0 / 86400);

        Assert.Equal(LicenseState.VerificationOverdue, decision.State);
        Assert.False(decision.CanSell);
    }

    [Fact]
    public void Check_Day38AfterVerification_RefusesSalesButKeepsSyncRefundsAndReports()
    {
        var token = LicenseToken.Sign(Claims(), _serverKey);

        var decision = CheckAfterDays(token, 38);

        Assert.Equal(LicenseState.VerificationOverdue, decision.State);
        Assert.False(decision.CanSell);
        Assert.False(decision.Allows(LicensedOperation.Sell));
        Assert.True(decision.Allows(LicensedOperation.Sync));
        Assert.True(decision.Allows(LicensedOperation.Refund));
        Assert.True(decision.Allows(LicensedOperation.Reports));
        Assert.True(decision.Allows(LicensedOperation.Data));
        Assert.Contains("connects and verifies", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExpiredLicence_RefusesNewSalesButAllowsSyncAndRefunds()
    {
        var token = LicenseToken.Sign(Claims(expiresAt: VerifiedAt.AddDays(10)), _serverKey);

        var decision = CheckAfterDays(token, 10);

        Assert.Equal(LicenseState.Expired, decision.State);
        Assert.False(decision.Allows(LicensedOperation.Sell));
        Assert.True(decision.Allows(LicensedOperation.Sync));
        Assert.True(decision.Allows(LicensedOperation.Refund));
        Assert.False(decision.HasFeature("restaurant"));
        Assert.Contains("expired on 2026-03-11", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExpiryInsideTheGracePeriod_WinsOverGrace()
    {
        var token = LicenseToken.Sign(Claims(expiresAt: VerifiedAt.AddDays(32)), _serverKey);

        var decision = CheckAfterDays(token, 33);

        Assert.Equal(LicenseState.Expired, decision.State);
    }

    [Fact]
    public void Check_TokenSignedByAnotherKey_IsRefused()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = LicenseToken.Sign(Claims() with { KeyId = LicenseToken.KeyIdOf(_serverKey) }, forger);

        var decision = CheckAfterDays(forged, 1);

        Assert.Equal(LicenseState.Invalid, decision.State);
        Assert.False(decision.CanSell);
        Assert.Contains("signature is not valid", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExpiryEditedInThePayload_IsRefused()
    {
        var token = LicenseToken.Sign(Claims(expiresAt: VerifiedAt.AddDays(5)), _serverKey);
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        payload["expires_at"] = VerifiedAt.AddYears(10).ToString("O");
        var tampered = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[1];

        var decision = CheckAfterDays(tampered, 6);

        Assert.Equal(LicenseState.Invalid, decision.State);
        Assert.False(decision.CanSell);
    }

    [Fact]
    public void Check_AnotherDevicesToken_IsRefused()
    {
        var token = LicenseToken.Sign(Claims(deviceId: Guid.CreateVersion7()), _serverKey);

        var decision = CheckAfterDays(token, 1);

        Assert.Equal(LicenseState.Invalid, decision.State);
        Assert.Contains("another device", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SameDeviceIdWithAnotherFingerprint_IsRefused()
    {
        var token = LicenseToken.Sign(Claims(), _serverKey);
        _clock.Advance(TimeSpan.FromDays(1));

        var decision = _verifier.Check(token, DeviceId, "fp-copied-disk", _clock.GetUtcNow().UtcDateTime);

        Assert.Equal(LicenseState.Invalid, decision.State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("eyJ2IjoxfQ.")]
    [InlineData("eyJ2IjoxfQ.!!!not-base64!!!")]
    [InlineData(".AAAA")]
    public void Check_MalformedToken_IsInvalidWithoutThrowing(string? token)
    {
        var decision = _verifier.Check(token, DeviceId, Fingerprint, VerifiedAt);

        Assert.Equal(LicenseState.Invalid, decision.State);
        Assert.False(decision.CanSell);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void Check_ClockTurnedBackBeforeIssue_RefusesSales()
    {
        var token = LicenseToken.Sign(Claims(), _serverKey);

        var decision = _verifier.Check(token, DeviceId, Fingerprint, VerifiedAt.AddDays(-3));

        Assert.Equal(LicenseState.Invalid, decision.State);
        Assert.Contains("clock", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_RoundTripsEveryClaim()
    {
        var claims = Claims();

        Assert.True(LicenseToken.TryRead(LicenseToken.Sign(claims, _serverKey), _serverKey, out var read, out _));

        Assert.Equal(claims.LicenseId, read!.LicenseId);
        Assert.Equal(claims.ExpiresAt, read.ExpiresAt);
        Assert.Equal(claims.VerifyBy, read.VerifyBy);
        Assert.Equal(claims.Features, read.Features);
        Assert.Equal(_verifier.KeyId, read.KeyId);
    }
}
