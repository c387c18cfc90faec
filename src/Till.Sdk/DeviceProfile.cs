using Till.Core.Pricing;

namespace Till.Sdk;

/// <summary>Who this terminal is: set once at activation and kept in the local store.</summary>
/// <param name="ServerUrl">The server the device syncs with.</param>
/// <param name="TenantCode">The tenant's code, used to sign in.</param>
/// <param name="DeviceId">The device registered on the server (its token carries it).</param>
/// <param name="BranchId">The branch the device sells for.</param>
/// <param name="BranchCode">The branch code: first part of receipt numbers.</param>
/// <param name="DeviceCode">The device code: second part of receipt numbers.</param>
/// <param name="WarehouseId">The warehouse sales take stock from.</param>
/// <param name="Currency">ISO currency code of the branch.</param>
/// <param name="TaxMode">Whether the branch's prices include tax.</param>
public sealed record DeviceProfile(
    Uri ServerUrl, string TenantCode, Guid DeviceId, Guid BranchId, string BranchCode, string DeviceCode,
    Guid WarehouseId, string Currency, TaxMode TaxMode);
