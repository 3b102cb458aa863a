using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>{"path": p, "equals": v | [v...]}: some value at p equals one of the given values (case-insensitive).</summary>
public sealed record EqualsCondition(JsonPath Path, IReadOnlyList<string> Values) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        foreach (var text in Texts(Path, scope))
        {
            foreach (var value in Values)
            {
                if (string.Equals(text, value, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
