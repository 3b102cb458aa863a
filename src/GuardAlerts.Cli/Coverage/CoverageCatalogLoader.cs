using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cli.Coverage;

/// <summary>
/// Reads docs/coverage.json and checks it against the risk table: every rule it names must exist (a threshold rule
/// too, and its id starts with "threshold-"), and each technique says which rules alert or why none does.
/// </summary>
internal static class CoverageCatalogLoader
{
    private const string ThresholdPrefix = "threshold-";

    public static (CoverageCatalog? Catalog, List<ConfigError> Errors) TryLoad(byte[] json, string file, RiskTable table)
    {
        var errors = new List<ConfigError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            errors.Add(new ConfigError(file, null, "(file)", $"not valid JSON: {ex.Message}"));
            return (null, errors);
        }

        using (document)
        {
            var ruleIds = table.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var techniques = new List<StratusTechnique>();
            foreach (var item in Items(document.RootElement, "stratusRedTeam", file, errors))
            {
                var id = JsonRead.Str(item, "id") ?? $"stratusRedTeam[{techniques.Count}]";
                var rules = Strings(item, "rules");
                var threshold = JsonRead.Str(item, "threshold");
                var notCovered = JsonRead.Str(item, "notCovered");
                foreach (var rule in rules.Where(r => !ruleIds.Contains(r)))
                {
                    errors.Add(new ConfigError(file, id, "rules", $"'{rule}' is not a rule of the risk table"));
                }

                if (threshold is not null && !threshold.StartsWith(ThresholdPrefix, StringComparison.Ordinal))
                {
                    errors.Add(new ConfigError(file, id, "threshold", $"'{threshold}' does not start with {ThresholdPrefix}"));
                }
                else if (threshold is not null && !ruleIds.Contains(threshold))
                {
                    errors.Add(new ConfigError(file, id, "threshold", $"'{threshold}' is not a threshold rule of the risk table"));
                }

                if (rules.Count == 0 && threshold is null && notCovered is null)
                {
                    errors.Add(new ConfigError(file, id, "rules", "name the rules that alert, a threshold rule, or why it is not covered (notCovered)"));
                }

                techniques.Add(new StratusTechnique(Required(item, "tactic", file, id, errors), id, Required(item, "name", file, id, errors), rules, threshold,
                    JsonRead.Str(item, "note"), notCovered));
            }

            var gaps = new List<KnownGap>();
            foreach (var item in Items(document.RootElement, "knownGaps", file, errors))
            {
                var what = Required(item, "what", file, $"knownGaps[{gaps.Count}]", errors);
                var ids = Strings(item, "techniques");
                foreach (var technique in ids.Where(t => !MitreTactics.IsTechniqueId(t)))
                {
                    errors.Add(new ConfigError(file, what, "techniques", $"'{technique}' is not a technique id (T1234 or T1234.567)"));
                }

                gaps.Add(new KnownGap(what, ids, Required(item, "why", file, what, errors)));
            }

            return (errors.Count > 0 ? null : new CoverageCatalog(techniques, gaps), errors);
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement root, string name, string file, List<ConfigError> errors)
    {
        if (JsonRead.Arr(root, name) is not { } array)
        {
            errors.Add(new ConfigError(file, null, name, "missing or not an array"));
            return [];
        }

        return array.EnumerateArray().ToList();
    }

    private static string Required(JsonElement item, string field, string file, string entry, List<ConfigError> errors)
    {
        if (JsonRead.Str(item, field) is { Length: > 0 } text)
        {
            return text;
        }

        errors.Add(new ConfigError(file, entry, field, "missing or empty"));
        return "";
    }

    private static List<string> Strings(JsonElement item, string field) =>
        JsonRead.Arr(item, field) is { } array ? array.EnumerateArray().Select(JsonRead.ScalarText).OfType<string>().ToList() : [];
}
