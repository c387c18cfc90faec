using System.ComponentModel.DataAnnotations;

namespace Till.Server.Licensing;

internal sealed class LicensingOptions : IValidatableObject
{
    public const string Section = "Licensing";

    /// <summary>
    /// The ECDSA P-256 private key (PKCS#8 or SEC1 PEM) that signs licence tokens. Set it (or
    /// <see cref="SigningKeyPath"/>) in production so every node signs with the same key.
    /// </summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>
    /// File holding the key; relative paths are in the data folder. Created with owner-only
    /// permissions on first start when neither option names an existing key.
    /// </summary>
    [StringLength(1000)]
    public string SigningKeyPath { get; set; } = "license-signing-key.pem";

    /// <summary>An "expiring soon" alert goes out this many days before a licence ends.</summary>
    [Range(1, 365)]
    public int ExpiryWarningDays { get; set; } = 14;

    /// <summary>How often the background job looks for expiring and expired licences.</summary>
    [Range(1, 24 * 7)]
    public int CheckIntervalHours { get; set; } = 24;

    /// <summary>Addresses that receive every licence alert (e.g. the reseller), besides each tenant's owners and admins.</summary>
    public string[] AlertRecipients { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var email = new EmailAddressAttribute();
        foreach (var address in AlertRecipients)
        {
            if (!email.IsValid(address))
                yield return new ValidationResult($"Licensing:AlertRecipients has an invalid address '{address}'.", [nameof(AlertRecipients)]);
        }
    }
}
