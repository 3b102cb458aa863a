using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Policy;

/// <summary>
/// The lint over a policy's sample events: every rule must be shown alerting by a sample (or, for a rule that can
/// never reach the minimum severity, decided by one) and every CloudTrail rule must have a benign near miss, a
/// sample of its own calls that does not alert. A rule without both is a rule nobody has seen work.
/// </summary>
public static class SampleCoverage
{
    /// <summary>One line per missing sample, naming the rule and what it lacks; empty when every rule is covered.</summary>
    public static IReadOnlyList<string> Problems(RiskTable table, IReadOnlyList<Decision> decisions)
    {
        var problems = new List<string>();
        foreach (var rule in table.Rules)
        {
            var decided = decisions.Where(d => d.RuleId == rule.Id).ToList();
            // A rule whose severity, with every raise, stays below the minimum only ever logs "ignored, below the
            // minimum": it must still be exercised, with that outcome.
            var canAlert = rule.Severity is not { } fixedSeverity || fixedSeverity.Raise(rule.Raise.Sum(r => r.Levels)) >= table.MinimumSeverity;
            if (canAlert ? !decided.Exists(d => d.Outcome == Outcome.Alert) : decided.Count == 0)
            {
                problems.Add($"rule '{rule.Id}': {(canAlert ? "no sample alerts through it" : "no sample is decided by it")}");
            }

            if (rule.Kind == RuleKind.CloudTrail && !decisions.Any(d => d.Outcome == Outcome.Ignored && IsNearMiss(rule, d)))
            {
                problems.Add(rule.CoversEveryCall
                    ? $"rule '{rule.Id}': no ignored sample of a call by {string.Join(" or ", rule.UserIdentityTypes)} (a near miss: a read, a call it leaves out)"
                    : $"rule '{rule.Id}': no ignored sample of {string.Join(", ", rule.EventNames)} (a near miss: the same call doing the safe thing, a failed call, a dry run)");
            }
        }

        return problems;
    }

    private static bool IsNearMiss(RiskRule rule, Decision decision) => rule.CoversEveryCall
        ? decision.Actor?.IdentityType is { } type && rule.UserIdentityTypes.Contains(type, StringComparer.Ordinal)
        : decision.Name is { } name && rule.EventNames.Contains(name, StringComparer.Ordinal);
}
