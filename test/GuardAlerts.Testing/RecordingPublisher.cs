using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Testing;

/// <summary>
/// A publisher that keeps alerts in memory, in order. With <paramref name="failFirst"/>, SNS is down for the first
/// publishes: each throws as the real publisher does after its retries, and nothing is kept.
/// </summary>
public sealed class RecordingPublisher(int failFirst = 0) : IAlertPublisher
{
    private readonly List<RenderedAlert> _published = [];
    private readonly Lock _gate = new();
    private int _calls;

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

    /// <summary>How many alerts were published (failed attempts not counted).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _published.Count;
            }
        }
    }

    /// <summary>How many publishes were attempted, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) <= failFirst)
        {
            throw new HttpRequestException("SNS is down");
        }

        lock (_gate)
        {
            _published.Add(alert);
            return ValueTask.FromResult($"local-{_published.Count}");
        }
    }
}
