using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Kinds.CloudTrail;

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
    public IReadOnlyList<RiskRule> MatchThresholds(SecurityEvent e) =>
        _thresholds.Count > 0 && e is CloudTrailEvent ct ? CloudTrailRuleMatcher.MatchThresholds(_thresholds, ct) : [];

    /// <summary>
    /// The userIdentity types some rule covers every call of (a rule with userIdentityTypes and no eventNames): a
    /// record of such an identity can match whatever its eventName.
    /// </summary>
    public IReadOnlyCollection<string> EveryCallIdentityTypes => [.. _everyCall.SelectMany(r => r.UserIdentityTypes).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether every call of this userIdentity type can match a rule (so no pre-filter may skip its records).</summary>
    public bool CoversIdentityType(string identityType) => _everyCall.Exists(r => r.UserIdentityTypes.Contains(identityType, StringComparer.Ordinal));

    /// <summary>The first rule matching the event, or null (each kind matches in its own way: see Kinds/).</summary>
    public RuleMatch? Match(SecurityEvent e) => EventKinds.Of(e.Kind).Match(this, e);

    /// <summary>The CloudTrail rules naming this eventName, in file order; null when none does.</summary>
    internal IReadOnlyList<RiskRule>? RulesFor(string eventName) => _byEventName.TryGetValue(eventName, out var rules) ? rules : null;

    /// <summary>The rules that cover every call of some userIdentity types, in file order.</summary>
    internal IReadOnlyList<RiskRule> EveryCallRules => _everyCall;

    /// <summary>The GuardDuty rules, in file order.</summary>
    internal IReadOnlyList<RiskRule> GuardDutyRules => _guardDuty;

    /// <summary>The severity after the rule's raise steps whose conditions hold (each adds its note).</summary>
    internal static Severity Raised(RiskRule rule, SecurityEvent e, Severity severity, List<string> notes)
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
