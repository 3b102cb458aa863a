using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>{"path": p, "exists": true|false}: whether p reaches any non-null value.</summary>
public sealed record ExistsCondition(JsonPath Path, bool Expected) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        var values = new List<JsonElement>();
        Path.Collect(scope, values);
        return values.Count > 0 == Expected;
    }
}
