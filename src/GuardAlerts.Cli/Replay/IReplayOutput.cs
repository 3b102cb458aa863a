using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>Where replay results go (text table or JSON Lines on stdout).</summary>
internal interface IReplayOutput
{
    void Decided(InputItem item, Decision decision);
    void Unreadable(InputItem item);
    void Finish(ReplaySummary summary);

    /// <summary>A renderer for records the fast path skips (one per reader: renderers are not thread-safe).</summary>
    IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline);

    /// <summary>Writes lines a renderer produced, in order with the lines of <see cref="Decided"/>.</summary>
    void WriteRendered(ReadOnlySpan<byte> utf8);
}
