using GuardAlerts.Core;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk.Patterns;

/// <summary>
/// The lowest GuardDuty severity score that can still alert under the risk table, for the rule's numeric filter:
/// findings below it are never worth a Lambda invocation. Conservative: a rule's "when" is assumed to hold and
/// every "raise" step to apply, so the filter never drops a finding the table would alert on.
/// </summary>
internal static class GuardDutyThreshold
{
    // GuardDuty's bands and their lowest scores: Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
    private static readonly (Severity Band, double LowestScore)[] Bands =
    [
        (Severity.Low, 0.0), (Severity.Medium, 4.0), (Severity.High, 7.0), (Severity.Critical, 9.0),
    ];

    /// <summary>The minimum score, or 0 when any finding can alert.</summary>
    public static double MinimumScore(RiskTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var lowest = double.MaxValue;
        foreach (var rule in table.Rules.Where(r => r.Kind == RuleKind.GuardDuty))
        {
            var raise = rule.Raise.Sum(r => Math.Max(0, r.Levels));
            foreach (var (band, score) in Bands)
            {
                var severity = (rule.Severity ?? band).Raise(raise);
                if (severity >= table.MinimumSeverity)
                {
                    lowest = Math.Min(lowest, score);
                    break;
                }
            }
        }

        // No rule can alert: keep the table's own minimum band rather than invoking for everything.
        return lowest == double.MaxValue
            ? Bands.Where(b => b.Band >= table.MinimumSeverity).Select(b => b.LowestScore).DefaultIfEmpty(9.0).First()
            : lowest;
    }
}
