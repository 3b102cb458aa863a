using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// The replay's publisher: nothing leaves the machine, and nothing is kept either (the alert is already in the
/// output), so a replay of a year of logs does not hold every alert in memory.
/// </summary>
internal sealed class DiscardingPublisher : IAlertPublisher
{
    private long _count;

    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken) =>
        ValueTask.FromResult($"local-{Interlocked.Increment(ref _count)}");
}
