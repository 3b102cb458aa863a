using System.Text.Json;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rules;

/// <summary>{"path": p, "glob": g | [g...]}: some value at p matches one of the '*' patterns.</summary>
public sealed record GlobCondition(JsonPath Path, IReadOnlyList<string> Patterns) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        foreach (var text in Texts(Path, scope))
        {
            if (Glob.AnyMatch(Patterns, text))
            {
                return true;
            }
        }

        return false;
    }
}
