using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>Passes on only the decisions `--only` asks for; the summary still counts every event.</summary>
internal sealed class FilteredOutput(IReplayOutput inner, OutcomeFilter filter) : IReplayOutput
{
    public void Decided(InputItem item, Decision decision)
    {
        if (filter.Shows(decision.Outcome))
        {
            inner.Decided(item, decision);
        }
    }

    public void Unreadable(InputItem item)
    {
        if (filter.Shows(Outcome.Rejected))
        {
            inner.Unreadable(item);
        }
    }

    public void Finish(ReplaySummary summary) => inner.Finish(summary);

    public IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline) => inner.CreateRenderer(pipeline);

    // The fast path renders only records no rule matches: every one of them is "ignored".
    public void WriteRendered(ReadOnlySpan<byte> utf8)
    {
        if (filter.Shows(Outcome.Ignored))
        {
            inner.WriteRendered(utf8);
        }
    }
}
