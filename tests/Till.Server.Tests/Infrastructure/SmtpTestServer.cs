using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Till.Server.Tests.Infrastructure;

/// <summary>A mail the <see cref="SmtpTestServer"/> accepted.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data);

/// <summary>
/// A small real SMTP server on a loopback port: it speaks enough of RFC 5321 (HELO/EHLO, MAIL,
/// RCPT, DATA, RSET, NOOP, QUIT) for a real client such as MailKit to deliver to it.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<ReceivedMail> _mails = Channel.CreateUnbounded<ReceivedMail>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpTestServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>
    /// The first mail delivered that <paramref name="match"/> accepts (others are skipped), or an
    /// exception when none arrives within <paramref name="timeout"/>.
    /// </summary>
    public async Task<ReceivedMail> WaitForMailAsync(Func<ReceivedMail, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var mail = await _mails.Reader.ReadAsync(cts.Token);
                if (match(mail)) return mail;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching mail reached the test SMTP server within {timeout}.");
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        string? from = null;
        var to = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 localhost Till test SMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            // Undo dot-stuffing (RFC 5321 section 4.5.2).
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        await _mails.Writer.WriteAsync(new ReceivedMail(from ?? "", [.. to], data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    /// <summary>The address between angle brackets in <c>MAIL FROM:&lt;a@b&gt;</c> or <c>RCPT TO:&lt;a@b&gt;</c>.</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
