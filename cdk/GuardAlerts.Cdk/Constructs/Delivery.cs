using Amazon.CDK;
using Amazon.CDK.AWS.SQS;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>Every EventBridge target's delivery: retry for the longest EventBridge allows, then the dead-letter queue.</summary>
internal sealed record Delivery(IQueue DeadLetterQueue)
{
    /// <summary>EventBridge's maximum: an event Lambda or SNS could not accept for a day is kept, not dropped.</summary>
    public static readonly Duration MaxEventAge = Duration.Hours(24);

    /// <summary>EventBridge's maximum number of retries.</summary>
    public const int RetryAttempts = 185;
}
