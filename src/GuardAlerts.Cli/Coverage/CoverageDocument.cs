using System.Globalization;
using System.Text;
using GuardAlerts.Core;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cli.Coverage;

/// <summary>
/// Renders docs/coverage.md from the risk table and the coverage catalog: every rule with its severity, MITRE
/// ATT&amp;CK tactics and techniques and the events it reads; the Stratus Red Team techniques and the rules that
/// alert on each; and what the table knowingly does not cover. The same input always gives the same bytes.
/// </summary>
internal static class CoverageDocument
{
    public const string RegenerateCommand = "dotnet run --project src/GuardAlerts.Cli -- coverage > docs/coverage.md";

    public static string Render(RiskTable table, CoverageCatalog catalog)
    {
        var md = new StringBuilder();
        Line(md, "# Detection coverage");
        Line(md);
        Line(md, "Generated from [config/risk-table.json](../config/risk-table.json) and [docs/coverage.json](coverage.json) by `guard-alerts coverage`: do not edit it by hand.");
        Line(md, $"After changing either file, run `{RegenerateCommand}` (a test fails while this file is out of date).");
        Line(md);
        Summary(md, table, catalog);
        Rules(md, table);
        Stratus(md, catalog);
        Gaps(md, catalog);
        return md.ToString();
    }

    private static void Summary(StringBuilder md, RiskTable table, CoverageCatalog catalog)
    {
        var cloudTrail = table.Rules.Where(r => r.Kind == RuleKind.CloudTrail).ToList();
        var bySeverity = string.Join(", ", Enum.GetValues<Severity>().Reverse()
            .Select(s => (s, n: cloudTrail.Count(r => r.Severity == s))).Where(p => p.n > 0).Select(p => $"{p.s.Name()} {p.n}"));
        Line(md, "## Summary");
        Line(md);
        Line(md, $"- {table.Rules.Count} rules: {cloudTrail.Count} on CloudTrail events (by the severity they start from: {bySeverity}) and "
            + $"{table.Rules.Count - cloudTrail.Count} on GuardDuty findings, rated from GuardDuty's own severity band.");
        Line(md, $"- Events below {table.MinimumSeverity.Name()} do not alert; a call that failed is lowered {table.LowerFailedCallsBy} level(s): an attempt, nothing changed.");
        var covered = catalog.Techniques.Count(t => t.NotCovered is null && t.Rules.Count > 0);
        var thresholdOnly = catalog.Techniques.Count(t => t.NotCovered is null && t.Rules.Count == 0 && t.Threshold is not null);
        Line(md, $"- Stratus Red Team AWS techniques: {catalog.Techniques.Count}; {covered} alert through the rules below, "
            + $"{thresholdOnly} only through threshold rules (counting rules), {catalog.Techniques.Count - covered - thresholdOnly} not covered (and why).");
        Line(md);
        Line(md, "| ATT&CK tactic | rules |");
        Line(md, "|---|---|");
        foreach (var (id, name) in MitreTactics.All)
        {
            var rules = table.Rules.Where(r => r.Mitre?.Tactics.Contains(id, StringComparer.Ordinal) == true).Select(r => r.Id).ToList();
            Line(md, $"| {id} {name} | {rules.Count.ToString(CultureInfo.InvariantCulture)} |");
        }

        Line(md);
    }

    private static void Rules(StringBuilder md, RiskTable table)
    {
        Line(md, "## Rules");
        Line(md);
        Line(md, "In table order (for each event the first rule that matches decides; a rule on every call of an identity is the floor under it).");
        Line(md);
        Line(md, "| rule | severity | ATT&CK tactics | ATT&CK techniques | reads |");
        Line(md, "|---|---|---|---|---|");
        foreach (var rule in table.Rules)
        {
            var tactics = rule.Mitre is { } m ? string.Join("<br>", m.Tactics.Select(t => $"{t} {MitreTactics.Name(t)}")) : "(none given)";
            var techniques = rule.Mitre is { } mt ? string.Join(" ", mt.Techniques.Select(TechniqueLink)) : "";
            Line(md, $"| `{rule.Id}`<br>{Cell(rule.Title)} | {SeverityText(rule)} | {tactics} | {techniques} | {Reads(rule)} |");
        }

        Line(md);
    }

    private static void Stratus(StringBuilder md, CoverageCatalog catalog)
    {
        Line(md, "## Stratus Red Team AWS techniques");
        Line(md);
        Line(md, "Which rules alert when each [Stratus Red Team](https://stratus-red-team.cloud/attack-techniques/AWS/) technique is detonated. Threshold rules (ids `threshold-*`) count events over a window and alert when a count crosses; those on read-only calls are deployed with `-c countReadOnlyCalls=true` ([deploy.md](deploy.md#threshold-rules-what-they-cost)).");
        Line(md);
        Line(md, "| tactic | technique | alerts through | notes |");
        Line(md, "|---|---|---|---|");
        foreach (var t in catalog.Techniques)
        {
            var through = new List<string>();
            if (t.NotCovered is not null)
            {
                through.Add("**not covered**" + (t.Rules.Count > 0 ? "; a step before it: " + string.Join(", ", t.Rules.Select(r => $"`{r}`")) : ""));
            }
            else
            {
                through.AddRange(t.Rules.Select(r => $"`{r}`"));
            }

            if (t.Threshold is not null)
            {
                through.Add($"threshold rule `{t.Threshold}`");
            }

            var notes = string.Join(" ", new[] { t.Note, t.NotCovered }.OfType<string>());
            Line(md, $"| {Cell(t.Tactic)} | [{Cell(t.Name)}](https://stratus-red-team.cloud/attack-techniques/AWS/{t.Id}/) | {string.Join("<br>", through)} | {Cell(notes)} |");
        }

        Line(md);
    }

    private static void Gaps(StringBuilder md, CoverageCatalog catalog)
    {
        Line(md, "## What the table knowingly does not cover");
        Line(md);
        Line(md, "| what | ATT&CK techniques | why |");
        Line(md, "|---|---|---|");
        foreach (var gap in catalog.Gaps)
        {
            Line(md, $"| {Cell(gap.What)} | {string.Join(" ", gap.Techniques.Select(TechniqueLink))} | {Cell(gap.Why)} |");
        }
    }

    private static string SeverityText(RiskRule rule)
    {
        if (rule.Severity is not { } severity)
        {
            return "from the finding";
        }

        var highest = severity.Raise(rule.Raise.Sum(r => r.Levels));
        return highest > severity ? $"{severity.Name()}, up to {highest.Name()}" : severity.Name();
    }

    private static string Reads(RiskRule rule)
    {
        if (rule.Kind == RuleKind.GuardDuty)
        {
            return "GuardDuty findings " + string.Join(", ", rule.FindingTypes.Select(f => $"`{f}`"));
        }

        if (rule.CoversEveryCall)
        {
            return $"every call by {string.Join(", ", rule.UserIdentityTypes)}, any eventSource";
        }

        if (rule.EventNames.Count == 0 && rule.ErrorCodes.Count > 0)
        {
            return $"every call refused with {string.Join(", ", rule.ErrorCodes)}, any eventSource";
        }

        var who = rule.UserIdentityTypes.Count > 0 ? $" (by {string.Join(", ", rule.UserIdentityTypes)})" : "";
        var counts = rule.Threshold is { } t ? $" (counts: {t.Count} within {t.Window.TotalMinutes} minutes per {string.Join(", ", t.GroupBy)})" : "";
        return $"`{rule.EventSource}`: {string.Join(", ", rule.EventNames)}{who}{counts}";
    }

    private static string TechniqueLink(string id) =>
        $"[{id}](https://attack.mitre.org/techniques/{id.Replace('.', '/')}/)";

    // A table cell holds one line, and a '|' would end it.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
