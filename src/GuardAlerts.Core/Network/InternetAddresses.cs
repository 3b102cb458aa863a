using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Network;

/// <summary>
/// The addresses of the internet, the set a rule must let in to be "open to the internet". IPv4: everything except
/// the blocks no internet host can come from (this network 0/8, RFC 1918 10/8, 172.16/12, 192.168/16, shared
/// 100.64/10, loopback 127/8, link-local 169.254/16, benchmarking 198.18/15, multicast 224/4, reserved 240/4).
/// IPv6: global unicast 2000::/3 (unique local fc00::/7, link-local fe80::/10, loopback and multicast are outside).
/// The documentation blocks count as internet: samples and runbooks use them to stand for public addresses.
/// </summary>
public static class InternetAddresses
{
    private static readonly string[] NotInternetIPv4 =
        ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4"];

    private static readonly IpRangeSet IPv4 = IpRangeSet.Complement(NotInternetIPv4.Select(Parse), ipv4: true);
    private static readonly IpRangeSet IPv6 = IpRangeSet.Of([Parse("2000::/3")]);

    /// <summary>Whether the set holds every internet address of IPv4, or every internet address of IPv6.</summary>
    public static bool CoveredBy(IpRangeSet set) => set.CoversIPv4Of(IPv4) || set.CoversIPv6Of(IPv6);

    /// <summary>Whether the range holds at least one internet address (it is not wholly inside private or special blocks).</summary>
    public static bool Overlap(IpRange range) => (range.IsIPv4 ? IPv4 : IPv6).Overlaps(range);

    private static IpRange Parse(string text) =>
        IpRange.TryParse(text, out var range) ? range! : throw new InvalidOperationException("bad built-in range " + text);
}
