using GuardAlerts.Cli.Replay;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Tests.Support;

/// <summary>
/// An output whose writes wait until the gate opens: the writer stalls on its first line (of the fast path's lines,
/// or of the full pipeline's decisions), so a test can see how far the readers run ahead.
/// </summary>
internal sealed class GatedOutput(IReplayOutput inner, ManualResetEventSlim gate, bool gateDecisions = false) : IReplayOutput
{
    /// <summary>
    /// Once what the readers took (<paramref name="measure"/>) has stopped changing while the writer stalls: a count of
    /// what they hold, polled until it is the same five times in a row. Its value then.
    /// </summary>
    public static async Task<long> SettledAsync(Func<long> measure)
    {
        var last = -1L;
        for (var settled = 0; settled < 5; await Task.Delay(200))
        {
            var now = measure();
            settled = now == last ? settled + 1 : 0;
            last = now;
        }

        return last;
    }

    public void Decided(InputItem item, Decision decision)
    {
        if (gateDecisions)
        {
            gate.Wait();
        }

        inner.Decided(item, decision);
    }

    public void Unreadable(InputItem item) => inner.Unreadable(item);

    public void Finish(ReplaySummary summary) => inner.Finish(summary);

    public IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline) => inner.CreateRenderer(pipeline);

    public void WriteRendered(ReadOnlySpan<byte> utf8)
    {
        if (!gateDecisions)
        {
            gate.Wait();
        }

        inner.WriteRendered(utf8);
    }
}
