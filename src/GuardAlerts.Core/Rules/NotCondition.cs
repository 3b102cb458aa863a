using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>{"not": {...}}: the condition does not hold.</summary>
public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool Evaluate(JsonElement scope) => !Inner.Evaluate(scope);
}
