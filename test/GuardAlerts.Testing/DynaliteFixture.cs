using Xunit;
using System.Diagnostics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using GuardAlerts.Aws.Ledger;

namespace GuardAlerts.Testing;

/// <summary>
/// Starts dynalite (in memory, createTableMs 0, a loopback port the OS picks) from tools/node for the test run
/// and stops it afterwards. The launcher exits when its stdin closes, so a crashed test host leaves nothing behind.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    public static readonly BasicAWSCredentials Credentials = new("AKIDLOCAL", "local-secret");

    private Process? _process;

    public Uri ServiceUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var tools = RepoPaths.RequireNodeTools();
        var start = new ProcessStartInfo("node", "dynalite-server.js")
        {
            WorkingDirectory = tools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            var error = await _process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"dynalite did not start: {error}");
        }

        using var json = JsonDocument.Parse(line);
        var port = json.RootElement.GetProperty("port").GetInt32();
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
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
    }

    /// <summary>A client configured as production configures it, pointed at dynalite, counting its HTTP requests.</summary>
    public AmazonDynamoDBClient CreateClient(RequestCounter? counter = null) =>
        DynamoDbClientFactory.Create("us-east-1", Credentials, config =>
        {
            config.ServiceURL = ServiceUrl.ToString();
            if (counter is not null)
            {
                config.HttpClientFactory = new CountingHttpClientFactory(counter);
            }
        });

    /// <summary>A fresh table per test keeps tests independent.</summary>
    public async Task<string> CreateTableAsync(IAmazonDynamoDB client)
    {
        var name = "ledger-" + Guid.NewGuid().ToString("N");
        await LedgerTable.CreateAsync(client, name, TimeProvider.System, CancellationToken.None);
        return name;
    }
}
