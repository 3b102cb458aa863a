using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace GuardAlerts.Aws.Ledger;

/// <summary>Builds the DynamoDB client the ledger uses: standard retry mode, region, credential chain.</summary>
public static class DynamoDbClientFactory
{
    /// <summary>Attempts per request (first try included) for throttling, 5xx and network errors.</summary>
    public const int MaxAttempts = 6;

    /// <summary>
    /// Creates a client for <paramref name="region"/>. The SDK's standard retry mode retries throttling, 5xx and
    /// transient network errors with exponential backoff and full jitter. AWS_ENDPOINT_URL_DYNAMODB and
    /// AWS_ENDPOINT_URL are honoured by AWSSDK.Core itself when no ServiceURL is set (a test proves it), so the
    /// endpoint variables behave as in every other AWS SDK. <paramref name="credentials"/> null: the default chain.
    /// </summary>
    public static AmazonDynamoDBClient Create(
        string region, AWSCredentials? credentials = null, Action<AmazonDynamoDBConfig>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var config = new AmazonDynamoDBConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = MaxAttempts - 1,
        };
        configure?.Invoke(config);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }
}
