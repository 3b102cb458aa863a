using Amazon.DynamoDBv2;
using Amazon.Runtime;
using GuardAlerts.Aws.Ledger;
using Xunit;

namespace GuardAlerts.Testing.Servers;

/// <summary>
/// Starts dynalite (in memory, createTableMs 0, a loopback port the OS picks) from tools/node for the test run
/// and stops it afterwards. The launcher exits when its stdin closes, so a crashed test host leaves nothing behind.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    public static readonly BasicAWSCredentials Credentials = new("AKIDLOCAL", "local-secret");

    private NodeServer? _server;

    public Uri ServiceUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await NodeServer.StartAsync("dynalite-server.js");
        ServiceUrl = _server.ServiceUrl;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
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
