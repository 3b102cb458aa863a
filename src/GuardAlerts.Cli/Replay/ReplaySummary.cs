using GuardAlerts.Core;
using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Cli.Replay;

/// <summary>Counts for the replay's summary and exit code.</summary>
internal sealed class ReplaySummary
{
    public Dictionary<Outcome, long> Outcomes { get; } = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => 0L);
    public Dictionary<Severity, long> AlertsBySeverity { get; } = Enum.GetValues<Severity>().ToDictionary(s => s, _ => 0L);
    public long Unreadable { get; private set; }

    /// <summary>Events that could not be processed (ledger or SNS unavailable after retries); a re-run sends them.</summary>
    public long Failed { get; private set; }
    public long Events { get; private set; }
    public int Files { get; set; }

    public void Add(Decision d)
    {
        Events++;
        Outcomes[d.Outcome]++;
        if (d.Outcome == Outcome.Alert && d.Severity is { } s)
        {
            AlertsBySeverity[s]++;
        }
    }

    /// <summary>Events the fast path decided: ignored, no rule covers their eventName.</summary>
    public void AddIgnored(long count)
    {
        Events += count;
        Outcomes[Outcome.Ignored] += count;
    }

    public void AddUnreadable()
    {
        Events++;
        Unreadable++;
        Outcomes[Outcome.Rejected]++;
    }

    public void AddFailed()
    {
        Events++;
        Failed++;
        Outcomes[Outcome.Rejected]++;
    }

    /// <summary>Whether some input could not be read or parsed (rejected events included).</summary>
    public bool HadInputErrors => Outcomes[Outcome.Rejected] > 0;
}
