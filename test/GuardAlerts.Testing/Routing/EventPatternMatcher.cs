using System.Globalization;
using System.Text.Json.Nodes;

namespace GuardAlerts.Testing.Routing;

/// <summary>
/// Decides whether an EventBridge event pattern matches an event, written from the EventBridge user guide, not from
/// our generator: "Comparison operators for use in event patterns"
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html), "Content filtering"
/// (eb-event-patterns-content-based-filtering.html) and "Arrays in event patterns" (eb-event-patterns-arrays.html).
/// Every key of a pattern must match (AND); the values listed for a leaf are alternatives (OR); a leaf whose event
/// value is an array matches when any element matches; "$or" at any level matches when one alternative does.
/// An operator this matcher does not know is an error, never a silent "no match".
/// </summary>
public static class EventPatternMatcher
{
    /// <summary>True when <paramref name="pattern"/> (a JSON object) matches <paramref name="eventJson"/>.</summary>
    public static bool Matches(JsonNode pattern, JsonNode eventJson)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(eventJson);
        return MatchesObject(AsObject(pattern, "the pattern"), eventJson as JsonObject);
    }

    /// <summary>Parses both arguments as JSON and matches them.</summary>
    public static bool Matches(string pattern, string eventJson) =>
        Matches(JsonNode.Parse(pattern)!, JsonNode.Parse(eventJson)!);

    // `node` is null when the event has no object at this path: only "exists": false can match below it.
    private static bool MatchesObject(JsonObject pattern, JsonObject? node)
    {
        foreach (var (key, value) in pattern)
        {
            var matched = key == "$or"
                ? value is JsonArray alternatives && alternatives.Count > 0
                    ? alternatives.Any(a => MatchesObject(AsObject(a, "a $or alternative"), node))
                    : throw new ArgumentException("\"$or\" needs an array of at least one pattern")
                : value switch
                {
                    JsonObject nested => MatchesNested(nested, node?[key]),
                    JsonArray leaf => MatchesLeaf(leaf, node, key),
                    _ => throw new ArgumentException($"pattern field '{key}' must be an object or an array of values, got {value?.ToJsonString() ?? "null"}"),
                };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    // A nested pattern over an array of objects matches when one of the objects does (the stricter reading: the
    // guide does not promise that different keys may be satisfied by different elements).
    private static bool MatchesNested(JsonObject pattern, JsonNode? value) => value switch
    {
        JsonObject o => MatchesObject(pattern, o),
        JsonArray items => items.OfType<JsonObject>().Any(o => MatchesObject(pattern, o)) || (items.Count == 0 && MatchesObject(pattern, null)),
        _ => MatchesObject(pattern, null),
    };

    private static bool MatchesLeaf(JsonArray matchers, JsonObject? parent, string key)
    {
        if (matchers.Count == 0)
        {
            throw new ArgumentException($"pattern field '{key}' lists no values");
        }

        var present = parent is not null && parent.ContainsKey(key);
        var value = present ? parent![key] : null;
        // Exists matching only works on leaf nodes: an object (an intermediate node) counts as absent for it.
        var isLeaf = present && value is not JsonObject;
        var values = !isLeaf ? [] : value is JsonArray array ? array.ToList() : [value];
        return matchers.Any(m => m is JsonObject op && op.ContainsKey("exists")
            ? Exists(op, isLeaf)
            : isLeaf && values.Any(v => MatchesValue(m, v, key)));
    }

    private static bool Exists(JsonObject op, bool isLeaf) =>
        op["exists"] is JsonValue v && v.TryGetValue<bool>(out var wanted)
            ? wanted == isLeaf
            : throw new ArgumentException("\"exists\" takes true or false");

    private static bool MatchesValue(JsonNode? matcher, JsonNode? value, string key)
    {
        if (matcher is not JsonObject op)
        {
            return ExactlyEqual(matcher, value);
        }

        if (op.Count != 1)
        {
            throw new ArgumentException($"pattern field '{key}': one operator per matcher, got {op.ToJsonString()}");
        }

        var (name, argument) = op.First();
        var text = value is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;
        return name switch
        {
            "prefix" => text is not null && StringOperator(argument, text, (t, a, c) => t.StartsWith(a, c)),
            "suffix" => text is not null && StringOperator(argument, text, (t, a, c) => t.EndsWith(a, c)),
            "equals-ignore-case" => text is not null && string.Equals(text, Text(argument, name), StringComparison.OrdinalIgnoreCase),
            "wildcard" => text is not null && Wildcard.IsMatch(text, Text(argument, name)),
            "anything-but" => AnythingBut(argument, value, text),
            "numeric" => Numeric(argument, Number(value)),
            "cidr" => text is not null && Cidr.Contains(Text(argument, name), text),
            _ => throw new ArgumentException($"pattern field '{key}': unknown operator '{name}'"),
        };
    }

    // "prefix"/"suffix" take a string or {"equals-ignore-case": string}.
    private static bool StringOperator(JsonNode? argument, string text, Func<string, string, StringComparison, bool> test) => argument switch
    {
        JsonObject { Count: 1 } o when o["equals-ignore-case"] is { } inner => test(text, Text(inner, "equals-ignore-case"), StringComparison.OrdinalIgnoreCase),
        _ => test(text, Text(argument, "prefix/suffix"), StringComparison.Ordinal),
    };

    // anything-but: a value, a list of strings or of numbers, or {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": x}.
    // Like every operator but "exists" it needs the field to be present.
    private static bool AnythingBut(JsonNode? argument, JsonNode? value, string? text) => argument switch
    {
        JsonArray list => !list.Any(excluded => ExactlyEqual(excluded, value)),
        JsonObject { Count: 1 } o => o.First() switch
        {
            ("prefix", var p) => text is not null && !text.StartsWith(Text(p, "prefix"), StringComparison.Ordinal),
            ("suffix", var p) => text is not null && !text.EndsWith(Text(p, "suffix"), StringComparison.Ordinal),
            ("equals-ignore-case", var p) => text is not null && !Strings(p).Any(x => string.Equals(x, text, StringComparison.OrdinalIgnoreCase)),
            ("wildcard", var p) => text is not null && !Strings(p).Any(x => Wildcard.IsMatch(text, x)),
            var (other, _) => throw new ArgumentException($"anything-but: unknown form '{other}'"),
        },
        JsonObject o => throw new ArgumentException($"anything-but takes one operator, got {o.ToJsonString()}"),
        _ => !ExactlyEqual(argument, value),
    };

    // Validates the whole argument before looking at the value, so a malformed pattern fails on any event.
    private static bool Numeric(JsonNode? argument, double? value)
    {
        if (argument is not JsonArray terms || terms.Count is not (2 or 4))
        {
            throw new ArgumentException($"numeric takes [op, n] or [op, n, op, n], got {argument?.ToJsonString()}");
        }

        var holds = true;
        for (var i = 0; i < terms.Count; i += 2)
        {
            var bound = Number(terms[i + 1]) ?? throw new ArgumentException($"numeric bound must be a number, got {terms[i + 1]?.ToJsonString()}");
            var op = Text(terms[i], "numeric");
            if (op is not ("=" or "<" or "<=" or ">" or ">="))
            {
                throw new ArgumentException($"numeric: unknown comparison '{op}'");
            }

            holds &= value is { } v && op switch
            {
                "=" => v == bound,
                "<" => v < bound,
                "<=" => v <= bound,
                ">" => v > bound,
                _ => v >= bound,
            };
        }

        return holds;
    }

    // Exact matching is case-sensitive and typed: the string "5" is not the number 5; null matches null.
    private static bool ExactlyEqual(JsonNode? expected, JsonNode? value)
    {
        if (expected is null || value is null)
        {
            return expected is null && value is null;
        }

        if (Number(expected) is { } a)
        {
            return Number(value) is { } b && a == b;
        }

        return expected is JsonValue e && value is JsonValue v && e.GetValueKind() == v.GetValueKind() && e.ToJsonString() == v.ToJsonString();
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static string Text(JsonNode? node, string what) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new ArgumentException($"{what} takes a string, got {node?.ToJsonString() ?? "null"}");

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray list ? list.Select(n => Text(n, "a list")) : [Text(node, "a value")];

    private static JsonObject AsObject(JsonNode? node, string what) =>
        node as JsonObject ?? throw new ArgumentException($"{what} must be a JSON object, got {node?.ToJsonString() ?? "null"}");
}
