using System.Text.Json;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// Where a CIDR condition reads its ranges: the values at <see cref="CidrPaths"/> of every item reached by
/// <see cref="ItemPaths"/> (the scope itself when none) for which <see cref="Where"/> holds. Values that are not an
/// address or CIDR block (a prefix list id, a security group id) are not ranges and are skipped.
/// </summary>
public sealed record CidrSource(IReadOnlyList<JsonPath> CidrPaths, IReadOnlyList<JsonPath> ItemPaths, Condition? Where)
{
    /// <summary>Every range the source reaches from <paramref name="scope"/>.</summary>
    public List<IpRange> Ranges(JsonElement scope)
    {
        var items = new List<JsonElement>();
        if (ItemPaths.Count == 0)
        {
            items.Add(scope);
        }

        foreach (var path in ItemPaths)
        {
            path.Collect(scope, items);
        }

        var ranges = new List<IpRange>();
        var values = new List<JsonElement>();
        foreach (var item in items)
        {
            if (Where is { } where && !where.Evaluate(item))
            {
                continue;
            }

            values.Clear();
            foreach (var path in CidrPaths)
            {
                path.Collect(item, values);
            }

            foreach (var value in values)
            {
                if (IpRange.TryParse(JsonRead.ScalarText(value)?.Trim(), out var range))
                {
                    ranges.Add(range!);
                }
            }
        }

        return ranges;
    }
}
