using Till.Core.Licensing;

namespace Till.Sdk;

/// <summary>Applies the <c>Till.Core</c> offline licence rule to the token kept in the local store.</summary>
public sealed class LicenseGuard(LocalStore store, LicenseVerifier verifier, string fingerprint, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The decision now: valid, grace, expired or invalid, with the reason.</summary>
    public LicenseDecision Check()
    {
        var device = store.Device;
        if (device is null) return LicenseDecision.Invalid("The terminal is not activated.");
        return verifier.Check(store.LicenseToken, device.DeviceId, fingerprint, _clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Null when selling is allowed, otherwise the reason to show the cashier (for <see cref="CashRegister.SaleGate"/>).</summary>
    public string? RefusalToSell()
    {
        var decision = Check();
        return decision.CanSell ? null : $"Selling is blocked: the licence is {decision.State.ToString().ToLowerInvariant()} ({decision.Reason}).";
    }
}
