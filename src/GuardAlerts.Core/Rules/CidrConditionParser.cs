using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// Reads the address-range conditions: {"cidrs", "in", "where", "coversInternet" | "anyRange"}. Strict about every
/// key, since a misspelt one would silently change what a network rule sees.
/// </summary>
internal static class CidrConditionParser
{
    private static readonly string[] Keys = ["cidrs", "in", "where", "coversInternet", "anyRange"];

    public static Condition? Parse(JsonElement element, string file, string ruleId, string field, List<ConfigError> errors)
    {
        var before = errors.Count;
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(Keys, property.Name) < 0)
            {
                errors.Add(new ConfigError(file, ruleId, $"{field}.{property.Name}", $"unknown key in a cidrs condition; expected {string.Join(", ", Keys)}"));
            }
        }

        var cidrs = Paths(JsonRead.Prop(element, "cidrs"), file, ruleId, field + ".cidrs", errors);
        var items = JsonRead.Prop(element, "in") is { } inValue ? Paths(inValue, file, ruleId, field + ".in", errors) : [];
        var where = JsonRead.Prop(element, "where") is { } w ? ConditionParser.Parse(w, file, ruleId, field + ".where", errors) : null;
        var covers = JsonRead.Prop(element, "coversInternet");
        var anyRange = JsonRead.Prop(element, "anyRange");
        if ((covers is null) == (anyRange is null))
        {
            errors.Add(new ConfigError(file, ruleId, field, "a cidrs condition needs exactly one test: coversInternet or anyRange"));
        }
        else if (covers is { } c && c.ValueKind != JsonValueKind.True)
        {
            errors.Add(new ConfigError(file, ruleId, field + ".coversInternet", "must be true (use not for the opposite)"));
        }

        var (isPublic, maxIPv4, maxIPv6) = anyRange is { } a ? RangeTest(a, file, ruleId, field + ".anyRange", errors) : default;
        if (errors.Count > before || cidrs is null || items is null)
        {
            return null;
        }

        var source = new CidrSource(cidrs, items, where);
        return covers is not null ? new CoversInternetCondition(source) : new AnyRangeCondition(source, isPublic, maxIPv4, maxIPv6);
    }

    private static (bool? Public, int? MaxIPv4, int? MaxIPv6) RangeTest(JsonElement test, string file, string ruleId, string field, List<ConfigError> errors)
    {
        if (test.ValueKind != JsonValueKind.Object || !test.EnumerateObject().Any())
        {
            errors.Add(new ConfigError(file, ruleId, field, "must be an object with public (true/false) and/or prefixAtMost"));
            return default;
        }

        bool? isPublic = null;
        int? maxIPv4 = null, maxIPv6 = null;
        foreach (var property in test.EnumerateObject())
        {
            switch (property.Name)
            {
                case "public" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    isPublic = property.Value.GetBoolean();
                    break;
                case "prefixAtMost":
                    (maxIPv4, maxIPv6) = Prefixes(property.Value, file, ruleId, field + ".prefixAtMost", errors);
                    break;
                default:
                    errors.Add(new ConfigError(file, ruleId, $"{field}.{property.Name}", "expected public (true/false) or prefixAtMost"));
                    break;
            }
        }

        return (isPublic, maxIPv4, maxIPv6);
    }

    private static (int? IPv4, int? IPv6) Prefixes(JsonElement value, string file, string ruleId, string field, List<ConfigError> errors)
    {
        int? ipv4 = null, ipv6 = null;
        var valid = value.ValueKind == JsonValueKind.Object;
        if (valid)
        {
            foreach (var property in value.EnumerateObject())
            {
                var max = property.Name switch { "ipv4" => 32, "ipv6" => 128, _ => -1 };
                if (max < 0 || property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var prefix) || prefix < 0 || prefix > max)
                {
                    valid = false;
                    continue;
                }

                if (property.Name == "ipv4")
                {
                    ipv4 = prefix;
                }
                else
                {
                    ipv6 = prefix;
                }
            }
        }

        if (!valid || (ipv4 is null && ipv6 is null))
        {
            errors.Add(new ConfigError(file, ruleId, field, "must be an object with ipv4 (0-32) and/or ipv6 (0-128) prefix lengths"));
        }

        return (ipv4, ipv6);
    }

    private static List<JsonPath>? Paths(JsonElement? value, string file, string ruleId, string field, List<ConfigError> errors)
    {
        var texts = value is { } v ? ConditionParser.Strings(v) : null;
        var paths = texts?.Select(t => new JsonPath(t)).ToList();
        if (paths is null || value is not { ValueKind: JsonValueKind.String or JsonValueKind.Array } || paths.Exists(p => !p.IsValid))
        {
            errors.Add(new ConfigError(file, ruleId, field, "must be a dotted path or a non-empty list of them"));
            return null;
        }

        return paths;
    }
}
