using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Core.Pipeline;

/// <summary>A publisher that keeps alerts in memory: the replay's default (nothing leaves the machine) and a test double.</summary>
public sealed class RecordingPublisher : IAlertPublisher
{
    private readonly List<RenderedAlert> _published = [];
    private readonly Lock _gate = new();

    /// <summary>Alerts published so far, in order.</summary>
    public IReadOnlyList<RenderedAlert> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _published.Add(alert);
            return ValueTask.FromResult($"local-{_published.Count}");
        }
    }
}
