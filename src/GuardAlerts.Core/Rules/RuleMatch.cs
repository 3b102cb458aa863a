namespace GuardAlerts.Core.Rules;

/// <summary>The rule an event matched, with the severity it earned and why (raises, failed calls, score band).</summary>
public sealed record RuleMatch(RiskRule Rule, Severity Severity, IReadOnlyList<string> Notes);
