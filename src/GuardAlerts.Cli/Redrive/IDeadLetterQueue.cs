namespace GuardAlerts.Cli.Redrive;

/// <summary>The dead-letter queue as redrive uses it: receive, delete what succeeded, give back what did not.</summary>
internal interface IDeadLetterQueue
{
    /// <summary>Receives up to <paramref name="max"/> messages (at most 10 per call), hiding them from other readers for a while.</summary>
    Task<IReadOnlyList<DeadLetterMessage>> ReceiveAsync(int max, CancellationToken cancellationToken);

    /// <summary>Deletes a message that was redriven.</summary>
    Task DeleteAsync(DeadLetterMessage message, CancellationToken cancellationToken);

    /// <summary>Makes a message that was not redriven visible again at once (for the next redrive and the DLQ alarm).</summary>
    Task ReleaseAsync(DeadLetterMessage message, CancellationToken cancellationToken);
}
