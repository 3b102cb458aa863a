using System.Text.Json;
using GuardAlerts.Core.Network;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"cidrs": p, "in": items, "where": {...}, "anyRange": {"public": true, "prefixAtMost": {"ipv4": 8, "ipv6": 12}}}:
/// one of the ranges has every given property. public: it holds an internet address (false: it holds none).
/// prefixAtMost: its prefix is that short or shorter for its family (a family not given never matches).
/// </summary>
public sealed record AnyRangeCondition(CidrSource Source, bool? Public, int? MaxPrefixIPv4, int? MaxPrefixIPv6) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        foreach (var range in Source.Ranges(scope))
        {
            if (Public is { } wanted && InternetAddresses.Overlap(range) != wanted)
            {
                continue;
            }

            if (MaxPrefixIPv4 is null && MaxPrefixIPv6 is null)
            {
                return true;
            }

            if ((range.IsIPv4 ? MaxPrefixIPv4 : MaxPrefixIPv6) is { } max && range.PrefixLength <= max)
            {
                return true;
            }
        }

        return false;
    }
}
