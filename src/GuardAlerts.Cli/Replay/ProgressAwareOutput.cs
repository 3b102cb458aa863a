using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>Erases the progress line before any output, for a stdout that shares the terminal with it.</summary>
internal sealed class ProgressAwareOutput(IReplayOutput inner, ProgressTicker progress) : IReplayOutput
{
    public void Decided(InputItem item, Decision decision)
    {
        progress.Clear();
        inner.Decided(item, decision);
    }

    public void Unreadable(InputItem item)
    {
        progress.Clear();
        inner.Unreadable(item);
    }

    public void Finish(ReplaySummary summary)
    {
        progress.Clear();
        inner.Finish(summary);
    }

    public IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline) => inner.CreateRenderer(pipeline);

    public void WriteRendered(ReadOnlySpan<byte> utf8)
    {
        progress.Clear();
        inner.WriteRendered(utf8);
    }
}
