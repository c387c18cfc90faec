using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Till.Server.Messaging;

/// <summary>Sends plain-text mail through the configured SMTP server (MailKit).</summary>
internal sealed class EmailSender(IOptionsMonitor<SmtpOptions> options)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public async Task SendAsync(IReadOnlyCollection<string> to, string subject, string body, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured) throw new InvalidOperationException("No SMTP host is configured (Smtp:Host).");

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From!));
        foreach (var address in to) message.To.Add(MailboxAddress.Parse(address));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        var security = o.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(o.Host!, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.Username)) await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
