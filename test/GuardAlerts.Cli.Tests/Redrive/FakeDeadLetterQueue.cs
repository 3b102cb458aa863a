using GuardAlerts.Cli.Redrive;

namespace GuardAlerts.Cli.Tests.Redrive;

/// <summary>An in-process queue with SQS's visibility semantics, reduced: received messages are hidden until deleted or released.</summary>
internal sealed class FakeDeadLetterQueue : IDeadLetterQueue
{
    private readonly List<DeadLetterMessage> _visible = [];
    private readonly List<DeadLetterMessage> _hidden = [];

    public FakeDeadLetterQueue(params DeadLetterMessage[] messages) => _visible.AddRange(messages);

    public List<string> Deleted { get; } = [];

    public List<string> Released { get; } = [];

    public IReadOnlyList<DeadLetterMessage> Remaining => [.. _visible, .. _hidden];

    public Task<IReadOnlyList<DeadLetterMessage>> ReceiveAsync(int max, CancellationToken cancellationToken)
    {
        var batch = _visible.Take(Math.Min(max, 10)).ToList();
        _visible.RemoveRange(0, batch.Count);
        _hidden.AddRange(batch);
        return Task.FromResult<IReadOnlyList<DeadLetterMessage>>(batch);
    }

    public Task DeleteAsync(DeadLetterMessage message, CancellationToken cancellationToken)
    {
        _hidden.Remove(message);
        Deleted.Add(message.MessageId);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(DeadLetterMessage message, CancellationToken cancellationToken)
    {
        _hidden.Remove(message);
        _visible.Add(message);
        Released.Add(message.MessageId);
        return Task.CompletedTask;
    }
}
