using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Kinds.Canary;

/// <summary>The built-in rule for heartbeat canaries: not in the risk table, never exempted, never below the minimum.</summary>
public static class CanaryRule
{
    public const string Id = "guardalerts-canary";

    /// <summary>The rule.</summary>
    public static RiskRule Rule { get; } = new()
    {
        Id = Id,
        Kind = RuleKind.CloudTrail,
        Severity = Core.Severity.Informational,
        Title = "GuardAlerts heartbeat canary",
        Why = "The hourly canary proves that events still reach the functions and that the ledger and SNS still work.",
        Next = "Nothing: subscriptions drop canary messages. If the heartbeat alarm fires instead, check the functions' errors and the dead-letter queue.",
        DedupWindow = TimeSpan.Zero,
    };
}
