using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GuardAlerts.Testing.Servers;

/// <summary>
/// A minimal HTTP/1.1 server on a loopback port: records each request's raw headers and body bytes and answers
/// with scripted responses (then SNS-style successes). One request per connection (Connection: close).
/// </summary>
public sealed class CaptureServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _served;

    public CaptureServer()
    {
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptLoopAsync();
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    public static string Success(string messageId) =>
        "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>" + messageId
        + "</MessageId></PublishResult><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></PublishResponse>";

    public static string Error(string type, string code, string message) =>
        "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type + "</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>req-err</RequestId></ErrorResponse>";

    /// <summary>Queues a response for the next request; unscripted requests get a success.</summary>
    public void Enqueue(int status, string body) => _script.Enqueue((status, body));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new List<byte>();
            var buffer = new byte[1];
            while (!EndsWithBlankLine(head))
            {
                if (await stream.ReadAsync(buffer, _stop.Token) == 0)
                {
                    return;
                }

                head.Add(buffer[0]);
            }

            var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, _stop.Token);
            var n = Interlocked.Increment(ref _served);
            var (status, responseBody) = _script.TryDequeue(out var scripted) ? scripted : (200, Success($"msg-{n}"));
            _requests.Enqueue(new CapturedRequest(requestLine[0], requestLine[1], headers, body) { Status = status });
            var payload = Encoding.UTF8.GetBytes(responseBody);
            var response = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: text/xml\r\n"
                + $"Content-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            await stream.WriteAsync(payload, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
