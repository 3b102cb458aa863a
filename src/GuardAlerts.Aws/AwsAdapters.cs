using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Ledger;
using GuardAlerts.Aws.Sns;
using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Aws;

/// <summary>
/// Builds the production adapters from validated options, for composition roots (Functions, Cli). Constructing
/// them makes no AWS call: the first call is the first claim.
/// </summary>
public sealed class AwsAdapters : IDisposable
{
    private AwsAdapters(AmazonDynamoDBClient dynamoDb, DynamoDbAlertLedger ledger, IAlertPublisher publisher)
    {
        DynamoDb = dynamoDb;
        Ledger = ledger;
        Publisher = publisher;
    }

    /// <summary>The DynamoDB client (for <see cref="LedgerTable.CreateAsync"/>).</summary>
    public AmazonDynamoDBClient DynamoDb { get; }

    /// <summary>The ledger.</summary>
    public DynamoDbAlertLedger Ledger { get; }

    /// <summary>The publisher: the alert topic, and a copy to the chat topic when one is configured.</summary>
    public IAlertPublisher Publisher { get; }

    /// <summary>
    /// Creates both adapters with the default credential chain (environment, profile, container, instance; session
    /// tokens included). <paramref name="httpClient"/> is the caller's, long-lived, shared by SNS requests.
    /// </summary>
    public static AwsAdapters Create(AwsAdapterOptions options, HttpClient httpClient, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        AWSCredentials credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var dynamoDb = DynamoDbClientFactory.Create(options.Region, credentials);
        var ledger = new DynamoDbAlertLedger(dynamoDb, options.TableName, options.LeaseDuration, timeProvider);
        var settings = SnsPublisherSettings.From(options);
        IAlertPublisher publisher = new SnsAlertPublisher(httpClient, settings, credentials, timeProvider);
        if (options.ChatTopic is { } chat)
        {
            publisher = new ChatCopyPublisher(publisher, new SnsAlertPublisher(httpClient, settings with { Topic = chat }, credentials, timeProvider));
        }

        return new AwsAdapters(dynamoDb, ledger, publisher);
    }

    /// <inheritdoc />
    public void Dispose() => DynamoDb.Dispose();
}
