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
            if (rule.Threshold is not null)
            {
                problems.AddRange(ThresholdProblems(rule, decisions));
                continue;
            }

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

    /// <summary>
    /// A threshold sample file is named for its rule: <c>&lt;name&gt;-threshold-...</c> (the variant is the rule id)
    /// crosses that rule exactly once; <c>&lt;name&gt;-below-threshold-...</c> is counted by it and never crosses.
    /// Returns what is wrong with such a file, or null (also for a variant that names no threshold rule).
    /// </summary>
    public static string? ThresholdSampleProblem(string variant, IReadOnlyList<Decision> decisions)
    {
        var below = variant.StartsWith(BelowPrefix, StringComparison.Ordinal);
        if (!below && !variant.StartsWith(Rules.ThresholdLoader.IdPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var ruleId = below ? variant[BelowPrefix.Length..] : variant;
        var results = decisions.SelectMany(d => d.Thresholds).Where(t => t.RuleId == ruleId).ToList();
        var alerts = results.Count(t => t.Outcome == Outcome.Alert);
        return below
            ? results.Exists(t => t.Outcome == Outcome.Ignored) && alerts == 0 ? null
                : $"its name promises events counted by '{ruleId}' that stay below it; {results.Count} counted, {alerts} alerts"
            : alerts == 1 ? null
                : $"its name promises one crossing of '{ruleId}'; {alerts} alerts ({string.Join(", ", results.Where(t => t.Outcome != Outcome.Ignored).Select(t => $"{t.Outcome}: {t.Reason}"))})";
    }

    /// <summary>Whether a sample variant is a threshold sample (its outcomes are checked by <see cref="ThresholdSampleProblem"/>).</summary>
    public static bool IsThresholdSample(string variant) =>
        variant.StartsWith(BelowPrefix, StringComparison.Ordinal) || variant.StartsWith(Rules.ThresholdLoader.IdPrefix, StringComparison.Ordinal);

    private const string BelowPrefix = "below-";

    private static IEnumerable<string> ThresholdProblems(RiskRule rule, IReadOnlyList<Decision> decisions)
    {
        var results = decisions.SelectMany(d => d.Thresholds).Where(t => t.RuleId == rule.Id).ToList();
        if (!results.Exists(t => t.Outcome == Outcome.Alert))
        {
            yield return $"rule '{rule.Id}': no sample crosses it (a burst file named <name>-{rule.Id}.json)";
        }

        if (!results.Exists(t => t.Outcome == Outcome.Ignored))
        {
            yield return $"rule '{rule.Id}': no sample is counted by it without crossing (a file named <name>-below-{rule.Id}.json)";
        }
    }

    private static bool IsNearMiss(RiskRule rule, Decision decision) => rule.CoversEveryCall
        ? decision.Actor?.IdentityType is { } type && rule.UserIdentityTypes.Contains(type, StringComparer.Ordinal)
        : decision.Name is { } name && rule.EventNames.Contains(name, StringComparer.Ordinal);
}
