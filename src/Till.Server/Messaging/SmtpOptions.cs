using System.ComponentModel.DataAnnotations;

namespace Till.Server.Messaging;

internal enum SmtpSecurity
{
    /// <summary>TLS on port 465, STARTTLS when the server offers it elsewhere.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Outgoing mail for alerts. Without <see cref="Host"/>, alerts go to the log and the activity feed only.</summary>
internal sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    [StringLength(255)]
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    [StringLength(255)]
    public string? Username { get; set; }

    [StringLength(255)]
    public string? Password { get; set; }

    /// <summary>Sender address, e.g. <c>Till &lt;alerts@example.com&gt;</c> or a bare address.</summary>
    [StringLength(255)]
    public string? From { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
            yield return new ValidationResult("Smtp:From must be a valid sender address when Smtp:Host is set.", [nameof(From)]);
        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
            yield return new ValidationResult("Smtp:Password is required when Smtp:Username is set.", [nameof(Password)]);
    }
}
