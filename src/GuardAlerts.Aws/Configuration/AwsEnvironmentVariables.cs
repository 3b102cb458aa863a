namespace GuardAlerts.Aws.Configuration;

/// <summary>Every environment variable the AWS adapters read, in one place.</summary>
public static class AwsEnvironmentVariables
{
    /// <summary>The region (AWS SDK convention). Falls back to the topic ARN's region for SNS.</summary>
    public const string Region = "AWS_REGION";

    /// <summary>The older region variable some tools still set.</summary>
    public const string DefaultRegion = "AWS_DEFAULT_REGION";

    /// <summary>Overrides the endpoint of every service (AWS SDK convention).</summary>
    public const string EndpointUrl = "AWS_ENDPOINT_URL";

    /// <summary>Overrides the SNS endpoint; wins over <see cref="EndpointUrl"/>.</summary>
    public const string SnsEndpointUrl = "AWS_ENDPOINT_URL_SNS";

    /// <summary>Overrides the DynamoDB endpoint. AWSSDK.Core resolves it itself (see DynamoDbClientFactory).</summary>
    public const string DynamoDbEndpointUrl = "AWS_ENDPOINT_URL_DYNAMODB";

    /// <summary>"true" makes every AWS SDK ignore the endpoint variables above.</summary>
    public const string IgnoreConfiguredEndpointUrls = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>The DynamoDB ledger table's name.</summary>
    public const string TableName = "GUARDALERTS_TABLE";

    /// <summary>The SNS topic alerts are published to.</summary>
    public const string TopicArn = "GUARDALERTS_TOPIC_ARN";

    /// <summary>
    /// Optional: the chat topic (AWS Chatbot channels) that receives a copy of every alert but the canary. Unset: no copy.
    /// </summary>
    public const string ChatTopicArn = "GUARDALERTS_CHAT_TOPIC_ARN";

    /// <summary>How long a claim stays exclusive before a retry may take it over (seconds).</summary>
    public const string LeaseSeconds = "GUARDALERTS_LEASE_SECONDS";
}
