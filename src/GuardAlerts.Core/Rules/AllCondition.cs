using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>{"all": [...]}: every condition holds.</summary>
public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Evaluate(scope))
            {
                return false;
            }
        }

        return true;
    }
}
