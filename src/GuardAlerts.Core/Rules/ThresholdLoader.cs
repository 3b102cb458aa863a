using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Thresholds;

namespace GuardAlerts.Core.Rules;

/// <summary>Reads and checks a risk-table entry's <c>threshold</c> object (a counting rule), naming file, entry and field.</summary>
internal static class ThresholdLoader
{
    public const string IdPrefix = "threshold-";
    private const int MaxCount = 1000;
    private const int MaxWindowMinutes = 1440;

    /// <summary>The entry's threshold, or null when it has none (or it is invalid: the errors say why).</summary>
    public static ThresholdSpec? Parse(JsonElement e, bool cloudTrail, string file, string id, List<ConfigError> errors)
    {
        var value = JsonRead.Prop(e, "threshold");
        var prefixed = id.StartsWith(IdPrefix, StringComparison.Ordinal);
        if (value is null)
        {
            if (prefixed)
            {
                errors.Add(new ConfigError(file, id, "threshold", $"an id starting with '{IdPrefix}' names a threshold rule: add its 'threshold' object, or rename it"));
            }

            return null;
        }

        var before = errors.Count;
        if (!prefixed)
        {
            errors.Add(new ConfigError(file, id, "id", $"a threshold rule's id starts with '{IdPrefix}'"));
        }

        if (!cloudTrail)
        {
            errors.Add(new ConfigError(file, id, "threshold", "threshold rules count CloudTrail events only"));
        }

        if (JsonRead.Prop(e, "dedupWindowMinutes") is not null)
        {
            errors.Add(new ConfigError(file, id, "dedupWindowMinutes", "a threshold rule alerts once per window and multiple: its window is threshold.withinMinutes"));
        }

        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(file, id, "threshold", "must be an object with count, withinMinutes, groupBy and counted"));
            return null;
        }

        var t = value.Value;
        foreach (var property in t.EnumerateObject().Where(p => p.Name is not ("count" or "withinMinutes" or "groupBy" or "distinct" or "counted")))
        {
            errors.Add(new ConfigError(file, id, "threshold." + property.Name, "unknown field (count, withinMinutes, groupBy, distinct, counted)"));
        }

        var count = Integer(t, "count", 2, MaxCount, file, id, errors);
        var minutes = Integer(t, "withinMinutes", 1, MaxWindowMinutes, file, id, errors);
        var groupBy = GroupBy(t, file, id, errors);
        List<JsonPath> distinct = [];
        if (JsonRead.Prop(t, "distinct") is { } d)
        {
            var texts = d.ValueKind == JsonValueKind.String ? [d.GetString()!] : d.ValueKind == JsonValueKind.Array ? ConditionParser.Strings(d) : null;
            distinct = texts?.Select(x => new JsonPath(x)).ToList() ?? [];
            if (texts is not { Count: > 0 } || distinct.Exists(p => !p.IsValid))
            {
                errors.Add(new ConfigError(file, id, "threshold.distinct", "must be a dotted path or a list of them (the value counted once: userIdentity.userName)"));
            }
        }

        var counted = JsonRead.Str(t, "counted");
        if (string.IsNullOrWhiteSpace(counted))
        {
            errors.Add(new ConfigError(file, id, "threshold.counted", "missing or empty: what the alert says was counted ('failed console sign-ins')"));
        }

        return errors.Count > before ? null : new ThresholdSpec(count!.Value, TimeSpan.FromMinutes(minutes!.Value), groupBy!, distinct, counted!);
    }

    private static int? Integer(JsonElement t, string field, int min, int max, string file, string id, List<ConfigError> errors)
    {
        if (JsonRead.Prop(t, field) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors.Add(new ConfigError(file, id, "threshold." + field, $"must be a whole number from {min} to {max}"));
        return null;
    }

    private static List<string>? GroupBy(JsonElement t, string file, string id, List<ConfigError> errors)
    {
        var list = JsonRead.Prop(t, "groupBy") is { ValueKind: JsonValueKind.Array } a && ConditionParser.Strings(a) is { Count: > 0 } items ? items : null;
        if (list is null)
        {
            errors.Add(new ConfigError(file, id, "threshold.groupBy", $"must list what each count is kept per: {string.Join(", ", ThresholdSpec.Keywords)} or a dotted path (sourceIPAddress)"));
            return null;
        }

        foreach (var item in list.Where(i => !ThresholdSpec.Keywords.Contains(i, StringComparer.Ordinal) && !new JsonPath(i).IsValid))
        {
            errors.Add(new ConfigError(file, id, "threshold.groupBy", $"'{item}' is neither {string.Join(", ", ThresholdSpec.Keywords)} nor a dotted path"));
        }

        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            errors.Add(new ConfigError(file, id, "threshold.groupBy", "names a field twice"));
        }

        return list;
    }
}
