using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"path": p, "sameAs": q}: some value at p equals some value at q, without case (IAM names are unique without
/// case). The caller changing their own password and an administrator changing someone else's differ only here.
/// </summary>
public sealed record SameAsCondition(JsonPath Path, JsonPath Other) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        var others = Texts(Other, scope);
        foreach (var text in Texts(Path, scope))
        {
            if (others.Exists(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
