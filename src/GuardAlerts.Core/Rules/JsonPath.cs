using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// A dotted path into an event ("requestParameters.ipPermissions.items.fromPort"). Arrays met on the way are
/// expanded, so one path reaches every item: a condition on it holds if any reached value satisfies it.
/// </summary>
public sealed class JsonPath
{
    private readonly string[] _segments;

    public JsonPath(string text)
    {
        Text = text;
        _segments = text.Length == 0 ? [] : text.Split('.');
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Whether the path is well formed (no empty segments).</summary>
    public bool IsValid => Array.TrueForAll(_segments, s => s.Length > 0);

    /// <summary>Adds every value the path reaches from <paramref name="scope"/> to <paramref name="values"/>.</summary>
    public void Collect(JsonElement scope, List<JsonElement> values) => Walk(scope, 0, values, depth: 0);

    private void Walk(JsonElement current, int index, List<JsonElement> values, int depth)
    {
        // Bounds the work on hostile input (a 20,000-item array is visited once, not recursively re-expanded).
        if (depth > 64)
        {
            return;
        }

        if (current.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in current.EnumerateArray())
            {
                Walk(item, index, values, depth + 1);
            }

            return;
        }

        if (index == _segments.Length)
        {
            if (current.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                values.Add(current);
            }

            return;
        }

        if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(_segments[index], out var next))
        {
            Walk(next, index + 1, values, depth + 1);
        }
    }
}
