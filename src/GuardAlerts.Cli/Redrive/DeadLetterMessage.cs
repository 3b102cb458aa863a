namespace GuardAlerts.Cli.Redrive;

/// <summary>One message received from the dead-letter queue.</summary>
/// <param name="MessageId">The queue's message id.</param>
/// <param name="ReceiptHandle">What deleting (or releasing) this receipt of the message takes.</param>
/// <param name="Body">The message body.</param>
/// <param name="Attributes">String message attributes (EventBridge and Lambda DLQs put the failure there).</param>
internal sealed record DeadLetterMessage(string MessageId, string ReceiptHandle, string Body, IReadOnlyDictionary<string, string> Attributes);
