namespace GuardAlerts.Cli.Redrive;

/// <summary>A dead letter understood: where it came from, why it failed, and the original event's bytes.</summary>
/// <param name="Source">Who sent it to the queue.</param>
/// <param name="Why">The failure, one sanitised line.</param>
/// <param name="Event">The original event (null when the message carries none that can be read).</param>
/// <param name="TargetArn">For an EventBridge dead letter, the target it could not reach (TARGET_ARN).</param>
internal sealed record DeadLetterRecord(DeadLetterSource Source, string Why, byte[]? Event, string? TargetArn = null)
{
    /// <summary>
    /// Whether the event was on its way to one of the functions (so the pipeline decides it as the function would),
    /// rather than to a topic: a self-protection rule's message to the operations and pager topics is a notice
    /// for people about a change to the alerting, not an event the pipeline can decide, and "ignored" would lose it.
    /// </summary>
    public bool ForAFunction => Source != DeadLetterSource.EventBridge || (TargetArn?.Contains(":lambda:", StringComparison.Ordinal) ?? false);
}
