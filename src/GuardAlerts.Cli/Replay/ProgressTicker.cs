using System.Diagnostics;

namespace GuardAlerts.Cli.Replay;

/// <summary>A one-line progress display on stderr for long replays; only used when stderr is a terminal.</summary>
internal sealed class ProgressTicker(TextWriter stderr)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last;
    private bool _shown;

    public void Tick(ReplaySummary summary)
    {
        var elapsed = _watch.Elapsed;
        if (elapsed - _last < TimeSpan.FromMilliseconds(500) || elapsed < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _last = elapsed;
        _shown = true;
        stderr.Write($"\r{summary.Events:N0} events, {summary.Outcomes[Core.Pipeline.Outcome.Alert]:N0} alerts, {summary.Events / elapsed.TotalSeconds:N0} events/s   ");
    }

    public void Done()
    {
        if (_shown)
        {
            stderr.WriteLine();
        }
    }
}
