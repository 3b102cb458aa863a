using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Cli.Redrive;

/// <summary>What redrive did with one message.</summary>
/// <param name="Message">The message.</param>
/// <param name="Record">Its source, failure and event.</param>
/// <param name="Decision">The pipeline's decision (null in a dry run or when processing failed).</param>
/// <param name="Problem">Why it was not redriven (null when it was, or in a dry run).</param>
/// <param name="Deleted">Whether it was deleted from the queue.</param>
internal sealed record RedriveResult(DeadLetterMessage Message, DeadLetterRecord Record, Decision? Decision, string? Problem, bool Deleted);
