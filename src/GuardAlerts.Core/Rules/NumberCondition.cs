using System.Globalization;
using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"path": p, "atMost": n} or {"path": p, "atLeast": n}: some value at p is a number (or a string holding one,
/// as S3 records many) within the bound. Text that is not a number never satisfies it.
/// </summary>
public sealed record NumberCondition(JsonPath Path, double? AtMost, double? AtLeast) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        foreach (var text in Texts(Path, scope))
        {
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                && (AtMost is not { } most || number <= most) && (AtLeast is not { } least || number >= least))
            {
                return true;
            }
        }

        return false;
    }
}
