using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// Reads a rule's "mitre": {"tactics": ["TA0005"], "techniques": ["T1562.008"]}. A rule without one loads with a
/// warning (the coverage document cannot place it); a malformed one is an error naming the field.
/// </summary>
internal static class MitreLoader
{
    public static MitreMapping? Parse(JsonElement? value, string file, string id, List<ConfigError> errors)
    {
        if (value is not { } mitre)
        {
            errors.Add(new ConfigError(file, id, "mitre", "missing: name the MITRE ATT&CK tactics and techniques the rule detects, e.g. {\"tactics\": [\"TA0005\"], \"techniques\": [\"T1562.008\"]}", IsWarning: true));
            return null;
        }

        if (mitre.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(file, id, "mitre", "must be an object with 'tactics' and 'techniques'"));
            return null;
        }

        var before = errors.Count;
        foreach (var property in mitre.EnumerateObject().Where(p => p.Name is not ("tactics" or "techniques")))
        {
            errors.Add(new ConfigError(file, id, "mitre." + property.Name, "unknown key; expected tactics and techniques"));
        }

        var tactics = Ids(mitre, "tactics", file, id, errors, minimum: 1);
        foreach (var tactic in tactics.Where(t => MitreTactics.Name(t) is null))
        {
            errors.Add(new ConfigError(file, id, "mitre.tactics", $"'{tactic}' is not a MITRE ATT&CK Enterprise tactic id ({string.Join(", ", MitreTactics.All.Select(t => t.Id))})"));
        }

        var techniques = Ids(mitre, "techniques", file, id, errors, minimum: 0);
        foreach (var technique in techniques.Where(t => !MitreTactics.IsTechniqueId(t)))
        {
            errors.Add(new ConfigError(file, id, "mitre.techniques", $"'{technique}' is not a technique id (T1234 or T1234.567)"));
        }

        return errors.Count > before ? null : new MitreMapping(tactics, techniques);
    }

    private static List<string> Ids(JsonElement mitre, string name, string file, string id, List<ConfigError> errors, int minimum)
    {
        if (JsonRead.Prop(mitre, name) is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() < minimum
            || array.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            errors.Add(new ConfigError(file, id, "mitre." + name, minimum > 0 ? "must be a non-empty array of ids" : "must be an array of ids"));
            return [];
        }

        var ids = array.EnumerateArray().Select(v => v.GetString()!).ToList();
        if (ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
        {
            errors.Add(new ConfigError(file, id, "mitre." + name, "lists an id twice"));
        }

        return ids;
    }
}
