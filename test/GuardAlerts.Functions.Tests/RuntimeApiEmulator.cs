using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace GuardAlerts.Functions.Tests;

/// <summary>
/// The Lambda Runtime API on loopback: hands queued events to the bootstrap's `next` long-poll and records what it
/// posts back (response, error with its Lambda-Runtime-Function-Error-Type, init error).
/// </summary>
public sealed class RuntimeApiEmulator : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<(string RequestId, byte[] Payload, long DeadlineMs)> _events = Channel.CreateUnbounded<(string, byte[], long)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResult>> _results = new();
    private readonly TaskCompletionSource<InvocationResult> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _next;

    public RuntimeApiEmulator()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public int Port { get; }

    /// <summary>Completes when the bootstrap first asks for an event (its cold start is over).</summary>
    public Task FirstNext => _firstNext.Task;

    /// <summary>Completes when the bootstrap reports an init error.</summary>
    public Task<InvocationResult> InitError => _initError.Task;

    /// <summary>Queues an event and waits for the bootstrap's answer.</summary>
    public Task<InvocationResult> InvokeAsync(byte[] payload, TimeSpan? budget = null)
    {
        var requestId = "req-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var result = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _results[requestId] = result;
        var deadline = DateTimeOffset.UtcNow.Add(budget ?? TimeSpan.FromSeconds(60)).ToUnixTimeMilliseconds();
        _events.Writer.TryWrite((requestId, payload, deadline));
        return result.Task.WaitAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                _firstNext.TrySetResult();
                var (requestId, payload, deadline) = await _events.Reader.ReadAsync(_stop.Token);
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-00000000-000000000000000000000000;Sampled=0";
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:111122223333:function:guard-alerts";
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(payload);
                response.Close();
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
            response.StatusCode = 202;
            response.Close();
            if (path == "/2018-06-01/runtime/init/error")
            {
                _initError.TrySetResult(new InvocationResult(false, body, errorType));
                return;
            }

            var segments = path.Split('/');
            if (segments.Length == 6 && _results.TryRemove(segments[4], out var waiter))
            {
                waiter.TrySetResult(new InvocationResult(segments[5] == "response", body, errorType));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
