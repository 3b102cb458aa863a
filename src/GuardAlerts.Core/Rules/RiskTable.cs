using GuardAlerts.Core.Events;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// The risk table: ordered rules, the first that matches an event decides its severity. Built by
/// <see cref="RiskTableLoader"/> from config/risk-table.json.
/// </summary>
public sealed class RiskTable
{
    private readonly Dictionary<string, List<RiskRule>> _byEventName = new(StringComparer.Ordinal);
    private readonly List<RiskRule> _guardDuty = [];

    public RiskTable(IReadOnlyList<RiskRule> rules, Severity minimumSeverity, int lowerFailedCallsBy)
    {
        Rules = rules;
        MinimumSeverity = minimumSeverity;
        LowerFailedCallsBy = lowerFailedCallsBy;
        foreach (var rule in rules)
        {
            if (rule.Kind == RuleKind.GuardDuty)
            {
                _guardDuty.Add(rule);
                continue;
            }

            foreach (var name in rule.EventNames)
            {
                if (!_byEventName.TryGetValue(name, out var list))
                {
                    _byEventName[name] = list = [];
                }

                list.Add(rule);
            }
        }
    }

    /// <summary>Every rule, in file order.</summary>
    public IReadOnlyList<RiskRule> Rules { get; }

    /// <summary>Events below this severity are "ignored" (default Medium).</summary>
    public Severity MinimumSeverity { get; }

    /// <summary>Levels to lower a CloudTrail call that failed (errorCode set): an attempt, nothing changed.</summary>
    public int LowerFailedCallsBy { get; }

    /// <summary>Every eventName some rule covers: events outside this set can never alert.</summary>
    public IReadOnlyCollection<string> EventNames => _byEventName.Keys;

    /// <summary>Whether a CloudTrail eventName can match any rule (a cheap pre-filter).</summary>
    public bool CoversEventName(string eventName) => _byEventName.ContainsKey(eventName);

    /// <summary>The first rule matching the event, or null.</summary>
    public RuleMatch? Match(SecurityEvent e) => e switch
    {
        CloudTrailEvent ct => MatchCloudTrail(ct),
        GuardDutyEvent gd => MatchGuardDuty(gd),
        _ => null,
    };

    private RuleMatch? MatchCloudTrail(CloudTrailEvent e)
    {
        if (!_byEventName.TryGetValue(e.Name, out var candidates) || !CloudTrailEventTypes.AreDecidedByRules(e.Record.EventType))
        {
            return null;
        }

        foreach (var rule in candidates)
        {
            if (rule.EventSource is { } source && !string.Equals(source, e.Record.EventSource, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.When is { } when && !when.Evaluate(e.Detail))
            {
                continue;
            }

            var notes = new List<string>();
            var severity = Raised(rule, e, rule.Severity ?? Severity.Medium, notes);
            if (e.Record.ErrorCode is { } error && LowerFailedCallsBy > 0)
            {
                severity = severity.Lower(LowerFailedCallsBy);
                notes.Add($"the call failed ({error}): an attempt, nothing changed");
            }

            return new RuleMatch(rule, severity, notes);
        }

        return null;
    }

    private RuleMatch? MatchGuardDuty(GuardDutyEvent e)
    {
        foreach (var rule in _guardDuty)
        {
            if (!Glob.AnyMatch(rule.FindingTypes, e.Finding.Type) || (rule.When is { } when && !when.Evaluate(e.Detail)))
            {
                continue;
            }

            var notes = new List<string>();
            SeverityExtensions.TryFromGuardDutyScore(e.Finding.Severity, out var band);
            var severity = rule.Severity ?? band;
            if (rule.Severity is null)
            {
                notes.Add($"GuardDuty severity {e.Finding.Severity:0.0} is in the {band.Name()} band");
            }

            return new RuleMatch(rule, Raised(rule, e, severity, notes), notes);
        }

        return null;
    }

    private static Severity Raised(RiskRule rule, SecurityEvent e, Severity severity, List<string> notes)
    {
        foreach (var raise in rule.Raise)
        {
            if (raise.When.Evaluate(e.Detail))
            {
                severity = severity.Raise(raise.Levels);
                notes.Add(raise.Because);
            }
        }

        return severity;
    }
}
