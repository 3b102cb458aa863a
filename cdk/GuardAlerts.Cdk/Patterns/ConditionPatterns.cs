using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk.Patterns;

/// <summary>
/// Turns a threshold rule's simple 'when' into an EventBridge content filter, so read-only calls the rule does not
/// count (a GetParameter without decryption, a DescribeInstanceAttribute of another attribute) never invoke the
/// function. Only what EventBridge matches exactly as the engine does is translated: equality with text (matched
/// without case: "equals-ignore-case") or true/false (also as JSON booleans), and "all" of those on different paths;
/// anything else gives no filter, and the rule's eventNames are delivered whole.
/// </summary>
internal static class ConditionPatterns
{
    /// <summary>The detail filter for <paramref name="when"/>, or null when it cannot be expressed exactly.</summary>
    public static Dictionary<string, object>? Filter(Condition? when)
    {
        var filter = new Dictionary<string, object>(StringComparer.Ordinal);
        return when is not null && Add(filter, when) ? filter : null;
    }

    private static bool Add(Dictionary<string, object> filter, Condition condition) => condition switch
    {
        AllCondition all => all.Conditions.All(c => Add(filter, c)),
        EqualsCondition equals => AddEquals(filter, equals),
        _ => false,
    };

    private static bool AddEquals(Dictionary<string, object> filter, EqualsCondition equals)
    {
        var segments = equals.Path.Text.Split('.');
        if (segments[0] is "eventSource" or "eventName" || equals.Values.Any(v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        var matchers = new List<object>();
        foreach (var value in equals.Values)
        {
            matchers.Add(new Dictionary<string, object> { ["equals-ignore-case"] = value });
            if (bool.TryParse(value, out var flag))
            {
                matchers.Add(flag);
            }
        }

        var node = filter;
        foreach (var segment in segments[..^1])
        {
            if (!node.TryGetValue(segment, out var next))
            {
                node[segment] = next = new Dictionary<string, object>(StringComparer.Ordinal);
            }

            if (next is not Dictionary<string, object> child)
            {
                return false;
            }

            node = child;
        }

        return node.TryAdd(segments[^1], matchers.ToArray());
    }
}
