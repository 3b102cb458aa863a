using System.Text.Json;
using GuardAlerts.Core.Network;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"cidrs": p, "in": items, "where": {...}, "coversInternet": true}: the ranges, all taken together, hold every
/// internet address of IPv4 or of IPv6. 0.0.0.0/1 with 128.0.0.0/1, 198.51.100.7/0 and 0::/0 all do.
/// </summary>
public sealed record CoversInternetCondition(CidrSource Source) : Condition
{
    public override bool Evaluate(JsonElement scope) => InternetAddresses.CoveredBy(IpRangeSet.Of(Source.Ranges(scope)));
}
