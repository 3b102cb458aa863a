using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>Parses a rule's "specifics": [{"label", "paths", "in"?, "as"?}], naming the entry and field of each problem.</summary>
internal static class SpecificParser
{
    private static readonly string[] Keys = ["label", "paths", "in", "as"];

    private static readonly (string Name, SpecificShape Shape)[] Shapes =
    [
        ("text", SpecificShape.Text), ("ports", SpecificShape.Ports), ("arnName", SpecificShape.ArnName),
        ("policyActions", SpecificShape.PolicyActions), ("policyPrincipals", SpecificShape.PolicyPrincipals),
    ];

    public static List<Specific> Parse(JsonElement? value, string file, string id, List<ConfigError> errors)
    {
        var result = new List<Specific>();
        if (value is not { } array)
        {
            return result;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ConfigError(file, id, "specifics", "must be an array of {label, paths, in, as}"));
            return result;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var field = $"specifics[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ConfigError(file, id, field, "must be an object {label, paths, in, as}"));
                continue;
            }

            var ok = true;
            foreach (var property in item.EnumerateObject().Where(p => Array.IndexOf(Keys, p.Name) < 0))
            {
                errors.Add(new ConfigError(file, id, $"{field}.{property.Name}", $"unknown key{FieldSuggestion.DidYouMean(property.Name, Keys)}; expected {string.Join(", ", Keys)}"));
                ok = false;
            }

            var label = JsonRead.Prop(item, "label") is { ValueKind: JsonValueKind.String } l ? l.GetString()! : null;
            if (label is null || label.Length > 16 || label.Any(c => !char.IsAsciiLetterOrDigit(c) && c != ' '))
            {
                errors.Add(new ConfigError(file, id, field + ".label", "must be a short word (at most 16 letters, digits or spaces; \"\" for none)"));
                ok = false;
            }

            var paths = Paths(item, "paths", file, id, field, errors, required: true);
            var items = Paths(item, "in", file, id, field, errors, required: false);
            var shape = SpecificShape.Text;
            if (JsonRead.Prop(item, "as") is { } asValue)
            {
                var name = asValue.ValueKind == JsonValueKind.String ? asValue.GetString() : null;
                var known = Array.FindIndex(Shapes, s => s.Name == name);
                if (known < 0)
                {
                    errors.Add(new ConfigError(file, id, field + ".as", $"must be one of {string.Join(", ", Shapes.Select(s => s.Name))}"));
                    ok = false;
                }
                else
                {
                    shape = Shapes[known].Shape;
                }
            }

            if (shape == SpecificShape.Ports && paths is { Count: not (2 or 3) })
            {
                errors.Add(new ConfigError(file, id, field + ".paths", "\"as\": \"ports\" reads [protocol, fromPort, toPort] (toPort optional)"));
                ok = false;
            }

            if (ok && paths is not null && items is not null)
            {
                result.Add(new Specific(label!, paths, items, shape));
            }
        }

        return result;
    }

    private static List<JsonPath>? Paths(JsonElement item, string key, string file, string id, string field, List<ConfigError> errors, bool required)
    {
        if (JsonRead.Prop(item, key) is not { } value)
        {
            if (required)
            {
                errors.Add(new ConfigError(file, id, $"{field}.{key}", "missing: a non-empty array of dotted paths"));
                return null;
            }

            return [];
        }

        var texts = value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : null;
        var paths = texts?.ConvertAll(t => new JsonPath(t));
        if (paths is null || paths.Count == 0 || paths.Exists(p => !p.IsValid || p.Text.Length == 0))
        {
            errors.Add(new ConfigError(file, id, $"{field}.{key}", "must be a non-empty array of dotted paths"));
            return null;
        }

        return paths;
    }
}
