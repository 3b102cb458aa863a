using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>How a finding meets the risk table: by finding type glob and condition, rated from its score unless the rule fixes a severity.</summary>
internal static class GuardDutyRuleMatcher
{
    public static RuleMatch? Match(RiskTable table, GuardDutyEvent e)
    {
        foreach (var rule in table.GuardDutyRules)
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

            return new RuleMatch(rule, RiskTable.Raised(rule, e, severity, notes), notes);
        }

        return null;
    }
}
