using GuardAlerts.Aws.Configuration;

namespace GuardAlerts.Aws.Sns;

/// <summary>Where and how the publisher sends: topic, signing region, endpoint, retry budget.</summary>
public sealed record SnsPublisherSettings(TopicArn Topic, string Region, Uri Endpoint)
{
    /// <summary>Requests per publish, the first included, for throttling, 5xx and network errors.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff cap; it doubles per attempt (full jitter: a random delay up to the cap).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest backoff cap.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The settings the validated options describe.</summary>
    public static SnsPublisherSettings From(AwsAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SnsPublisherSettings(options.Topic, options.Region, options.SnsEndpoint);
    }
}
