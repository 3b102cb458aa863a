using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>{"any": [...]}: at least one condition holds.</summary>
public sealed record AnyCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        foreach (var condition in Conditions)
        {
            if (condition.Evaluate(scope))
            {
                return true;
            }
        }

        return false;
    }
}
