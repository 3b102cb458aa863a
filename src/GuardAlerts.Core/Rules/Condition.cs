using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>A predicate over an event (or a part of it), as written in the risk table's "when".</summary>
public abstract record Condition
{
    /// <summary>Whether the condition holds for <paramref name="scope"/>.</summary>
    public abstract bool Evaluate(JsonElement scope);

    /// <summary>The values a path reaches, as text (objects and arrays are skipped).</summary>
    protected static List<string> Texts(JsonPath path, JsonElement scope)
    {
        var values = new List<JsonElement>();
        path.Collect(scope, values);
        var texts = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (Events.JsonRead.ScalarText(value) is { } text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }
}
