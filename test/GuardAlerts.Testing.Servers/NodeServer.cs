using System.Diagnostics;
using System.Text.Json;

namespace GuardAlerts.Testing.Servers;

/// <summary>
/// A local server from tools/node (a launcher that prints {"port":N} and exits when its stdin closes) that a fault
/// test can kill hard (SIGKILL, as a crash) and start again on the same port with the same arguments.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly string _script;
    private readonly string[] _arguments;
    private Process? _process;

    private NodeServer(string script, string[] arguments)
    {
        _script = script;
        _arguments = arguments;
    }

    public int Port { get; private set; }

    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts <paramref name="script"/> with <paramref name="arguments"/> on a port the OS picks.</summary>
    public static async Task<NodeServer> StartAsync(string script, params string[] arguments)
    {
        var server = new NodeServer(script, arguments);
        await server.LaunchAsync(port: 0);
        return server;
    }

    /// <summary>Kills the server (SIGKILL: no clean shutdown) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the port it had (only the dynalite launcher takes --port).</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        // The port was just released; a listener can bind it again at once (node sets SO_REUSEADDR), but retry briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LaunchAsync(Port);
                return;
            }
            catch (InvalidOperationException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _process = null;
    }

    private async Task LaunchAsync(int port)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.RequireNodeTools(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_script);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (port != 0)
        {
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Dispose();
            throw new InvalidOperationException($"node {_script} did not start: {error}");
        }

        // Drain stderr so a chatty server never blocks on a full pipe.
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var json = JsonDocument.Parse(line);
        Port = json.RootElement.GetProperty("port").GetInt32();
        _process = process;
    }
}
