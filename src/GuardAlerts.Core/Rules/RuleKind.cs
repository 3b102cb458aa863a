namespace GuardAlerts.Core.Rules;

/// <summary>What a risk-table entry matches.</summary>
public enum RuleKind
{
    /// <summary>CloudTrail events by eventSource and eventName.</summary>
    CloudTrail,
    /// <summary>GuardDuty findings by finding type.</summary>
    GuardDuty,
}
