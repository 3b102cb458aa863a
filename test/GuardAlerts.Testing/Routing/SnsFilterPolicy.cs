using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GuardAlerts.Testing.Routing;

/// <summary>
/// Decides whether an SNS subscription accepts a message, written from the SNS developer guide: "Amazon SNS
/// subscription filter policies" (https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html),
/// "Key matching" (attribute-key-matching.html), "AND/OR logic" (and-or-logic.html), "Filter policy scope"
/// (sns-message-filtering-scope.html) and the string and numeric matching pages. A subscription without a filter
/// policy accepts everything. With one, every property name must match (AND), one of its values suffices (OR), and
/// "$or" combines alternatives. In the MessageAttributes scope an empty set of attributes never matches (the guide:
/// "exists": false only matches if at least one attribute is present), so any policy with a key drops messages that
/// carry no attributes, such as CloudWatch alarm notifications and EventBridge-to-SNS deliveries.
/// An operator this evaluator does not know is an error, never a silent "no match".
/// </summary>
public static class SnsFilterPolicy
{
    public const string AttributesScope = "MessageAttributes";
    public const string BodyScope = "MessageBody";

    /// <summary>
    /// True when a subscription with <paramref name="policy"/> (null: none) and <paramref name="scope"/> (null: the
    /// default, MessageAttributes) accepts a message with these attributes and this body.
    /// </summary>
    public static bool Accepts(JsonNode? policy, string? scope, IReadOnlyDictionary<string, SnsMessageAttribute> attributes, string? body)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (policy is null || (policy is JsonObject empty && empty.Count == 0))
        {
            return true;
        }

        var root = policy as JsonObject ?? throw new ArgumentException("a filter policy must be a JSON object");
        if ((scope ?? AttributesScope) == AttributesScope)
        {
            return attributes.Count > 0 && MatchesAttributes(root, attributes);
        }

        if (scope != BodyScope)
        {
            throw new ArgumentException($"unknown FilterPolicyScope '{scope}'");
        }

        JsonNode? parsed;
        try
        {
            parsed = body is null ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        return parsed is JsonObject o && MatchesBody(root, o);
    }

    private static bool MatchesAttributes(JsonObject policy, IReadOnlyDictionary<string, SnsMessageAttribute> attributes)
    {
        foreach (var (key, value) in policy)
        {
            if (key == "$or")
            {
                if (!Alternatives(value).Any(a => MatchesAttributes(a, attributes)))
                {
                    return false;
                }

                continue;
            }

            var matchers = value as JsonArray ?? throw new ArgumentException($"filter policy '{key}': attribute policies take an array of values");
            // Binary attributes are not matched by filter policies.
            attributes.TryGetValue(key, out var attribute);
            var present = attribute is not null && attribute.DataType != "Binary";
            if (!matchers.Any(m => MatchesOne(m, present, present ? Values(attribute!) : [], key)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesBody(JsonObject policy, JsonObject? body)
    {
        foreach (var (key, value) in policy)
        {
            var matched = key switch
            {
                "$or" => Alternatives(value).Any(a => MatchesBody(a, body)),
                _ when value is JsonObject nested => MatchesBody(nested, body?[key] as JsonObject),
                _ when value is JsonArray matchers => MatchesBodyLeaf(matchers, body, key),
                _ => throw new ArgumentException($"filter policy '{key}' must be an object or an array of values"),
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesBodyLeaf(JsonArray matchers, JsonObject? body, string key)
    {
        var node = body?[key];
        var present = body is not null && body.ContainsKey(key) && node is not null and not JsonObject;
        List<JsonNode?> values = !present ? [] : node is JsonArray a ? [.. a] : [node];
        return matchers.Any(m => MatchesOne(m, present, values, key));
    }

    private static bool MatchesOne(JsonNode? matcher, bool present, List<JsonNode?> values, string key)
    {
        if (matcher is JsonObject { Count: 1 } op && op.ContainsKey("exists"))
        {
            return op["exists"] is JsonValue v && v.TryGetValue<bool>(out var wanted)
                ? wanted == present
                : throw new ArgumentException($"filter policy '{key}': \"exists\" takes true or false");
        }

        return present && values.Any(v => MatchesValue(matcher, v, key));
    }

    private static bool MatchesValue(JsonNode? matcher, JsonNode? value, string key)
    {
        var text = value is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
        var number = Number(value);
        if (matcher is not JsonObject op)
        {
            return Number(matcher) is { } wanted ? number == wanted : matcher is JsonValue m && m.TryGetValue<string>(out var w) && text == w;
        }

        if (op.Count != 1)
        {
            throw new ArgumentException($"filter policy '{key}': one operator per value, got {op.ToJsonString()}");
        }

        var (name, argument) = op.First();
        return name switch
        {
            "prefix" => text is not null && text.StartsWith(Text(argument, key), StringComparison.Ordinal),
            "suffix" => text is not null && text.EndsWith(Text(argument, key), StringComparison.Ordinal),
            "equals-ignore-case" => text is not null && string.Equals(text, Text(argument, key), StringComparison.OrdinalIgnoreCase),
            "anything-but" => AnythingBut(argument, text, number, key),
            "numeric" => number is { } n && Numeric(argument, n, key),
            "cidr" => text is not null && Cidr.Contains(Text(argument, key), text),
            _ => throw new ArgumentException($"filter policy '{key}': unknown operator '{name}'"),
        };
    }

    private static bool AnythingBut(JsonNode? argument, string? text, double? number, string key) => argument switch
    {
        JsonObject { Count: 1 } o when o["prefix"] is { } p => text is not null && !text.StartsWith(Text(p, key), StringComparison.Ordinal),
        JsonObject { Count: 1 } o when o["suffix"] is { } p => text is not null && !text.EndsWith(Text(p, key), StringComparison.Ordinal),
        JsonObject o => throw new ArgumentException($"filter policy '{key}': unknown anything-but form {o.ToJsonString()}"),
        JsonArray list => !list.Any(x => Number(x) is { } n ? number == n : text is not null && Text(x, key) == text),
        _ => Number(argument) is { } n ? number != n : text != Text(argument, key),
    };

    private static bool Numeric(JsonNode? argument, double value, string key)
    {
        if (argument is not JsonArray terms || terms.Count is not (2 or 4))
        {
            throw new ArgumentException($"filter policy '{key}': numeric takes [op, n] or [op, n, op, n]");
        }

        for (var i = 0; i < terms.Count; i += 2)
        {
            var bound = Number(terms[i + 1]) ?? throw new ArgumentException($"filter policy '{key}': numeric bound must be a number");
            var holds = Text(terms[i], key) switch
            {
                "=" => value == bound,
                "<" => value < bound,
                "<=" => value <= bound,
                ">" => value > bound,
                ">=" => value >= bound,
                var other => throw new ArgumentException($"filter policy '{key}': unknown comparison '{other}'"),
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    // String: the value; Number: the number; String.Array: each item of the JSON array.
    private static List<JsonNode?> Values(SnsMessageAttribute attribute) => attribute.DataType switch
    {
        "String" => [JsonValue.Create(attribute.Value)],
        "Number" => [JsonNode.Parse(attribute.Value)],
        "String.Array" => [.. JsonNode.Parse(attribute.Value) as JsonArray ?? throw new ArgumentException($"a String.Array attribute must hold a JSON array, got {attribute.Value}")],
        var other => throw new ArgumentException($"unknown attribute DataType '{other}'"),
    };

    private static IEnumerable<JsonObject> Alternatives(JsonNode? value) =>
        value is JsonArray { Count: > 0 } list
            ? list.Select(a => a as JsonObject ?? throw new ArgumentException("\"$or\" alternatives must be objects"))
            : throw new ArgumentException("\"$or\" needs an array of at least one policy");

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static string Text(JsonNode? node, string key) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new ArgumentException($"filter policy '{key}': expected a string, got {node?.ToJsonString() ?? "null"}");
}
