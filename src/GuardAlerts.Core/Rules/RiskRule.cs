using GuardAlerts.Core.Thresholds;

namespace GuardAlerts.Core.Rules;

/// <summary>One entry of the risk table: what it matches, how severe, why it matters and what to do next.</summary>
public sealed record RiskRule
{
    public required string Id { get; init; }
    public required RuleKind Kind { get; init; }

    /// <summary>CloudTrail: the eventSource ("cloudtrail.amazonaws.com").</summary>
    public string? EventSource { get; init; }

    /// <summary>CloudTrail: the eventNames this entry covers.</summary>
    public IReadOnlyList<string> EventNames { get; init; } = [];

    /// <summary>
    /// CloudTrail: the userIdentity types this entry applies to (none: all). Without eventNames the entry covers
    /// every call made by these identities (<see cref="CoversEveryCall"/>).
    /// </summary>
    public IReadOnlyList<string> UserIdentityTypes { get; init; } = [];

    /// <summary>
    /// A CloudTrail entry without eventNames that covers every call of its <see cref="UserIdentityTypes"/>. It rates
    /// a call no other entry matches, and is the floor under the entry that does (that entry still names the event).
    /// </summary>
    public bool CoversEveryCall => Kind == RuleKind.CloudTrail && Threshold is null && EventNames.Count == 0 && UserIdentityTypes.Count > 0;

    /// <summary>GuardDuty: finding type patterns ('*' globs).</summary>
    public IReadOnlyList<string> FindingTypes { get; init; } = [];

    /// <summary>An optional condition on the event (request fields, identity, response).</summary>
    public Condition? When { get; init; }

    /// <summary>The fixed severity; null means "from the finding's score band" (GuardDuty).</summary>
    public Severity? Severity { get; init; }

    public IReadOnlyList<SeverityRaise> Raise { get; init; } = [];
    public required string Title { get; init; }
    public required string Why { get; init; }
    public required string Next { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Events of this rule with the same account, region, principal and target within the window form one alert.</summary>
    public TimeSpan DedupWindow { get; init; }

    /// <summary>Optional path to the target resource in the event, for the dedup key (default: a well-known request field).</summary>
    public JsonPath? Target { get; init; }

    /// <summary>
    /// The facts a responder needs first, in order of importance: shown in the subject and SMS (the last ones give way
    /// first when the line is too long) and in full in the e-mail.
    /// </summary>
    public IReadOnlyList<Specific> Specifics { get; init; } = [];

    /// <summary>Whether the rule covers read-only calls (the CDK rule then needs all management events).</summary>
    public bool ReadOnlyCalls { get; init; }

    /// <summary>
    /// A threshold (counting) rule: it never decides an event on its own, it counts the events it matches and alerts
    /// when a count crosses (rule ids start with <c>threshold-</c>).
    /// </summary>
    public ThresholdSpec? Threshold { get; init; }

    /// <summary>
    /// CloudTrail threshold rules: the errorCodes counted (AccessDenied...). Without eventNames the rule counts every
    /// call that failed with one of them, whatever its eventName.
    /// </summary>
    public IReadOnlyList<string> ErrorCodes { get; init; } = [];

    /// <summary>The MITRE ATT&amp;CK tactics and techniques the rule detects (null when the table does not say).</summary>
    public MitreMapping? Mitre { get; init; }
}
