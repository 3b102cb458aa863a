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
    private readonly List<RiskRule> _everyCall = [];
    private readonly List<RiskRule> _guardDuty = [];
    private readonly List<RiskRule> _thresholds = [];
    private readonly HashSet<string> _thresholdNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _thresholdErrorCodes = new(StringComparer.Ordinal);

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

            if (rule.Threshold is not null)
            {
                // Counting rules never decide an event: the first-match rules do, and every threshold rule counts.
                _thresholds.Add(rule);
                _thresholdNames.UnionWith(rule.EventNames);
                if (rule.EventNames.Count == 0)
                {
                    _thresholdErrorCodes.UnionWith(rule.ErrorCodes);
                }

                continue;
            }

            if (rule.CoversEveryCall)
            {
                _everyCall.Add(rule);
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

    /// <summary>Every eventName some rule covers (threshold rules included): events outside this set can never alert.</summary>
    public IReadOnlyCollection<string> EventNames => [.. _byEventName.Keys.Union(_thresholdNames, StringComparer.Ordinal)];

    /// <summary>
    /// Whether a CloudTrail eventName can match any rule, or be counted by a threshold rule, by its name (a cheap
    /// pre-filter; see also <see cref="CoversIdentityType"/> and <see cref="CountsErrorCode"/>).
    /// </summary>
    public bool CoversEventName(string eventName) => _byEventName.ContainsKey(eventName) || _thresholdNames.Contains(eventName);

    /// <summary>The threshold (counting) rules, in file order.</summary>
    public IReadOnlyList<RiskRule> ThresholdRules => _thresholds;

    /// <summary>
    /// The errorCodes some threshold rule counts whatever the eventName (AccessDenied): a record failing with one
    /// can be counted, so no pre-filter may skip it.
    /// </summary>
    public IReadOnlyCollection<string> ThresholdErrorCodes => _thresholdErrorCodes;

    /// <summary>Whether a call failing with this errorCode can be counted by a threshold rule whatever its eventName.</summary>
    public bool CountsErrorCode(string errorCode) => _thresholdErrorCodes.Contains(errorCode);

    /// <summary>The threshold rules that count this event (eventSource, eventNames, errorCodes, identity types and 'when').</summary>
    public IReadOnlyList<RiskRule> MatchThresholds(SecurityEvent e)
    {
        if (_thresholds.Count == 0 || e is not CloudTrailEvent ct || !CloudTrailEventTypes.AreDecidedByRules(ct.Record.EventType))
        {
            return [];
        }

        var matched = new List<RiskRule>();
        foreach (var rule in _thresholds)
        {
            if ((rule.EventNames.Count > 0 && !rule.EventNames.Contains(ct.Name, StringComparer.Ordinal))
                || (rule.ErrorCodes.Count > 0 && (ct.Record.ErrorCode is not { } code || !rule.ErrorCodes.Contains(code, StringComparer.Ordinal))))
            {
                continue;
            }

            if (FirstMatch([rule], ct, ct.Record.UserIdentity?.Type) is not null)
            {
                matched.Add(rule);
            }
        }

        return matched;
    }

    /// <summary>
    /// The userIdentity types some rule covers every call of (a rule with userIdentityTypes and no eventNames): a
    /// record of such an identity can match whatever its eventName.
    /// </summary>
    public IReadOnlyCollection<string> EveryCallIdentityTypes => [.. _everyCall.SelectMany(r => r.UserIdentityTypes).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether every call of this userIdentity type can match a rule (so no pre-filter may skip its records).</summary>
    public bool CoversIdentityType(string identityType) => _everyCall.Exists(r => r.UserIdentityTypes.Contains(identityType, StringComparer.Ordinal));

    /// <summary>The first rule matching the event, or null.</summary>
    public RuleMatch? Match(SecurityEvent e) => e switch
    {
        CloudTrailEvent ct => MatchCloudTrail(ct),
        GuardDutyEvent gd => MatchGuardDuty(gd),
        _ => null,
    };

    private RuleMatch? MatchCloudTrail(CloudTrailEvent e)
    {
        if (!CloudTrailEventTypes.AreDecidedByRules(e.Record.EventType))
        {
            return null;
        }

        var identityType = e.Record.UserIdentity?.Type;
        var notes = new List<string>();
        var rule = _byEventName.TryGetValue(e.Name, out var candidates) ? FirstMatch(candidates, e, identityType) : null;
        var severity = rule is null ? Severity.Informational : Raised(rule, e, rule.Severity ?? Severity.Medium, notes);
        // An every-call rule (the root user's) is the floor: the entry for the call names it and says what to do,
        // and the event is never rated below what the every-call rule gives it.
        if (FirstMatch(_everyCall, e, identityType) is { } floor)
        {
            var floorNotes = new List<string>();
            var floorSeverity = Raised(floor, e, floor.Severity ?? Severity.Medium, floorNotes);
            if (rule is null)
            {
                (rule, severity) = (floor, floorSeverity);
                notes.AddRange(floorNotes);
            }
            else if (floorSeverity > severity)
            {
                notes.Add($"raised to {floorSeverity.Name()} by {floor.Id} ({floor.Title}{(floorNotes.Count > 0 ? ": " + string.Join("; ", floorNotes) : "")})");
                severity = floorSeverity;
            }
        }

        if (rule is null)
        {
            return null;
        }

        if (e.Record.ErrorCode is { } error && LowerFailedCallsBy > 0)
        {
            severity = severity.Lower(LowerFailedCallsBy);
            notes.Add($"the call failed ({error}): an attempt, nothing changed");
        }

        return new RuleMatch(rule, severity, notes);
    }

    private static RiskRule? FirstMatch(List<RiskRule> candidates, CloudTrailEvent e, string? identityType)
    {
        foreach (var rule in candidates)
        {
            if ((rule.EventSource is { } source && !string.Equals(source, e.Record.EventSource, StringComparison.Ordinal))
                || (rule.UserIdentityTypes.Count > 0 && (identityType is null || !rule.UserIdentityTypes.Contains(identityType, StringComparer.Ordinal)))
                || (rule.When is { } when && !when.Evaluate(e.Detail)))
            {
                continue;
            }

            return rule;
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
