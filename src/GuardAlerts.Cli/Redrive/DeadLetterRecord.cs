namespace GuardAlerts.Cli.Redrive;

/// <summary>A dead letter understood: where it came from, why it failed, and the original event's bytes.</summary>
/// <param name="Source">Who sent it to the queue.</param>
/// <param name="Why">The failure, one sanitised line.</param>
/// <param name="Event">The original event (null when the message carries none that can be read).</param>
internal sealed record DeadLetterRecord(DeadLetterSource Source, string Why, byte[]? Event);
