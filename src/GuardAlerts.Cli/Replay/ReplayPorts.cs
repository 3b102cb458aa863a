using GuardAlerts.Aws;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Ledger;
using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// The replay's ledger and publisher: in memory by default; with --table and --topic-arn, exactly the adapters the
/// functions use (DynamoDB and SNS, AWS_REGION, the credential chain and the AWS_ENDPOINT_URL* variables).
/// </summary>
internal sealed class ReplayPorts : IAsyncDisposable
{
    private readonly AwsAdapters? _adapters;
    private readonly HttpClient? _http;

    private ReplayPorts(IAlertLedger ledger, IAlertPublisher publisher, AwsAdapters? adapters, HttpClient? http)
    {
        Ledger = ledger;
        Publisher = publisher;
        _adapters = adapters;
        _http = http;
    }

    public IAlertLedger Ledger { get; }

    public IAlertPublisher Publisher { get; }

    /// <summary>The ports, or null (after reporting on stderr) when the AWS settings are invalid.</summary>
    public static async Task<ReplayPorts?> CreateAsync(string? table, string? topicArn, bool createTable, TimeProvider clock, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (table is null || topicArn is null)
        {
            return new ReplayPorts(new InMemoryAlertLedger(), new DiscardingPublisher(), null, null);
        }

        AwsAdapterOptions options;
        try
        {
            options = AwsAdapterOptions.FromEnvironment(Environment.GetEnvironmentVariable, table, topicArn);
        }
        catch (AwsOptionsException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }

        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var adapters = AwsAdapters.Create(options, http, clock);
        if (createTable)
        {
            var setup = await LedgerTable.CreateAsync(adapters.DynamoDb, options.TableName, clock, cancellationToken).ConfigureAwait(false);
            await stderr.WriteLineAsync($"ledger table {options.TableName}: {(setup.Created ? "created" : "exists")}, TTL on expiresAt {(setup.TimeToLiveEnabled ? "enabled" : "NOT enabled (this server does not support UpdateTimeToLive; the ledger checks expiresAt itself)")}").ConfigureAwait(false);
        }

        return new ReplayPorts(adapters.Ledger, adapters.Publisher, adapters, http);
    }

    public ValueTask DisposeAsync()
    {
        _adapters?.Dispose();
        _http?.Dispose();
        return ValueTask.CompletedTask;
    }
}
