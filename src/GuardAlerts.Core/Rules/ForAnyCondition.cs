using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"forAny": p, "where": {...}}: some item reached by p satisfies the inner condition, evaluated with that item as
/// its scope. Keeps facts of one item together (this permission is open to the world AND covers port 22).
/// </summary>
public sealed record ForAnyCondition(JsonPath Path, Condition Where) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        var items = new List<JsonElement>();
        Path.Collect(scope, items);
        foreach (var item in items)
        {
            if (Where.Evaluate(item))
            {
                return true;
            }
        }

        return false;
    }
}
