using System.ComponentModel.DataAnnotations;

namespace Till.Terminal;

/// <summary>What the person setting up the till types in.</summary>
internal sealed record ActivationRequest
{
    [Required, Url] public string? ServerUrl { get; init; }
    [Required] public string? Tenant { get; init; }
    [StringLength(40)] public string? LicenseKey { get; init; }
    [Required] public string? Username { get; init; }
    [Required] public string? Password { get; init; }
    [Required, RegularExpression("^[A-Z0-9]{1,20}$")] public string? DeviceCode { get; init; }
    public Guid? BranchId { get; init; }
}
