namespace GuardAlerts.Cdk.Configuration;

/// <summary>
/// The heartbeat's contract with the functions (see docs/deploy.md): the event the hourly schedule sends, the
/// message attribute that keeps the canary's publication away from people, and the metric that proves it arrived.
/// </summary>
internal static class CanaryContract
{
    /// <summary>The canary event's "source": PutEvents cannot forge "aws." sources, and this one is ours alone.</summary>
    public const string Source = "guardalerts.canary";

    /// <summary>The canary event's "detail-type".</summary>
    public const string DetailType = "GuardAlerts Canary";

    /// <summary>The message attribute a canary publication carries ("true"); every subscription filters it out.</summary>
    public const string MessageAttribute = "canary";

    /// <summary>CloudWatch namespace of the functions' embedded metrics.</summary>
    public const string MetricNamespace = "GuardAlerts";

    /// <summary>1 per canary that went through the whole pipeline and was published; dimension Function.</summary>
    public const string SucceededMetric = "CanarySucceeded";

    /// <summary>1 per alert whose publication failed after retries; dimension Function.</summary>
    public const string PublishFailuresMetric = "PublishFailures";

    /// <summary>The metric dimension: the function kind, "guardduty" or "cloudtrail".</summary>
    public const string FunctionDimension = "Function";
}
