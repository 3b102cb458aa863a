using System.Globalization;

namespace GuardAlerts.Aws.Configuration;

/// <summary>
/// The AWS adapters' settings, read once at start-up (see <see cref="FromEnvironment"/>) and validated.
/// </summary>
public sealed record AwsAdapterOptions
{
    /// <summary>The default claim lease: longer than a publish with all its retries takes.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromMinutes(2);

    /// <summary>The DynamoDB ledger table.</summary>
    public required string TableName { get; init; }

    /// <summary>The SNS topic.</summary>
    public required TopicArn Topic { get; init; }

    /// <summary>The region requests are signed for: AWS_REGION, else the topic's region.</summary>
    public required string Region { get; init; }

    /// <summary>Where SNS requests go: AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL, or the public endpoint.</summary>
    public required Uri SnsEndpoint { get; init; }

    /// <summary>The chat topic that gets a copy of every alert but the canary (GUARDALERTS_CHAT_TOPIC_ARN), or null.</summary>
    public TopicArn? ChatTopic { get; init; }

    /// <summary>How long a claim is exclusive before a retry may take it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = DefaultLeaseDuration;

    /// <summary>
    /// Reads and validates the settings. <paramref name="tableName"/> and <paramref name="topicArn"/> override
    /// their variables (the CLI's --table and --topic-arn). Throws <see cref="AwsOptionsException"/> listing every
    /// problem, each naming its variable.
    /// </summary>
    public static AwsAdapterOptions FromEnvironment(
        Func<string, string?> getVariable,
        string? tableName = null,
        string? topicArn = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var errors = new List<string>();

        var table = NonEmpty(tableName) ?? NonEmpty(getVariable(AwsEnvironmentVariables.TableName));
        if (table is null)
        {
            errors.Add($"{AwsEnvironmentVariables.TableName} is not set (the DynamoDB ledger table name)");
        }
        else if (table.Length is < 3 or > 255)
        {
            errors.Add($"{AwsEnvironmentVariables.TableName} must be 3 to 255 characters long, got '{table}'");
        }

        var topicText = NonEmpty(topicArn) ?? NonEmpty(getVariable(AwsEnvironmentVariables.TopicArn));
        var topic = TopicArn.TryParse(topicText);
        if (topicText is null)
        {
            errors.Add($"{AwsEnvironmentVariables.TopicArn} is not set (the SNS topic ARN)");
        }
        else if (topic is null)
        {
            errors.Add($"{AwsEnvironmentVariables.TopicArn} is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got '{topicText}'");
        }

        var chatText = NonEmpty(getVariable(AwsEnvironmentVariables.ChatTopicArn));
        var chat = TopicArn.TryParse(chatText);
        if (chatText is not null && chat is null)
        {
            errors.Add($"{AwsEnvironmentVariables.ChatTopicArn} is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got '{chatText}'");
        }

        // A valid topic ARN always names a region, so the region is known whenever the options are valid.
        var region = NonEmpty(getVariable(AwsEnvironmentVariables.Region))
            ?? NonEmpty(getVariable(AwsEnvironmentVariables.DefaultRegion))
            ?? topic?.Region;

        var endpoint = ReadSnsEndpoint(getVariable, errors);
        var lease = ReadLease(getVariable, errors);

        if (errors.Count > 0)
        {
            throw new AwsOptionsException(errors);
        }

        return new AwsAdapterOptions
        {
            TableName = table!,
            Topic = topic!,
            Region = region!,
            SnsEndpoint = endpoint ?? topic!.DefaultEndpoint(region!),
            LeaseDuration = lease,
            ChatTopic = chat,
        };
    }

    private static Uri? ReadSnsEndpoint(Func<string, string?> getVariable, List<string> errors) =>
        ReadEndpoint(getVariable, errors, AwsEnvironmentVariables.SnsEndpointUrl);

    /// <summary>
    /// A service's endpoint override, as the AWS SDKs read it: its own variable, else AWS_ENDPOINT_URL, neither when
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. Null: the public endpoint. A malformed value is an error naming it.
    /// </summary>
    internal static Uri? ReadEndpoint(Func<string, string?> getVariable, List<string> errors, string serviceVariable)
    {
        if (string.Equals(getVariable(AwsEnvironmentVariables.IgnoreConfiguredEndpointUrls), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var name in new[] { serviceVariable, AwsEnvironmentVariables.EndpointUrl })
        {
            var text = NonEmpty(getVariable(name));
            if (text is null)
            {
                continue;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            errors.Add($"{name} must be an absolute http(s) URL, got '{text}'");
            return null;
        }

        return null;
    }

    private static TimeSpan ReadLease(Func<string, string?> getVariable, List<string> errors)
    {
        var text = NonEmpty(getVariable(AwsEnvironmentVariables.LeaseSeconds));
        if (text is null)
        {
            return DefaultLeaseDuration;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 5 and <= 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add($"{AwsEnvironmentVariables.LeaseSeconds} must be a whole number of seconds from 5 to 3600, got '{text}'");
        return DefaultLeaseDuration;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
