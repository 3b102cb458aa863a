using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>Where replay results go (text table or JSON Lines on stdout).</summary>
internal interface IReplayOutput
{
    void Decided(InputItem item, Decision decision);
    void Unreadable(InputItem item);
    void Finish(ReplaySummary summary);
}
