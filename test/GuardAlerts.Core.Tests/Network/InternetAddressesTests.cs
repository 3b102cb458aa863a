using CsCheck;
using GuardAlerts.Core.Network;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Tests.Network;

public class InternetAddressesTests
{
    private static IpRange Range(string text) => IpRange.TryParse(text, out var range) ? range! : throw new ArgumentException(text);

    private static bool Covered(params string[] ranges) => InternetAddresses.CoveredBy(IpRangeSet.Of(ranges.Select(Range)));

    [Theory]
    [InlineData(true, "0.0.0.0/0")]
    [InlineData(true, "198.51.100.7/0")]
    [InlineData(true, "0.0.0.0/1", "128.0.0.0/1")]
    [InlineData(true, "::/0")]
    [InlineData(true, "0::/0")]
    [InlineData(true, "::0/0")]
    [InlineData(true, "0:0:0:0:0:0:0:0/0")]
    [InlineData(true, "2000::/3")]
    [InlineData(true, "2000::/4", "3000::/4")]
    // Every public block, leaving out only the private and special ones, still reaches everyone on the internet.
    [InlineData(true, "1.0.0.0/8", "2.0.0.0/7", "4.0.0.0/6", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/3", "96.0.0.0/6", "100.0.0.0/10", "100.128.0.0/9", "101.0.0.0/8", "102.0.0.0/7", "104.0.0.0/5", "112.0.0.0/5", "120.0.0.0/6", "124.0.0.0/7", "126.0.0.0/8", "128.0.0.0/3", "160.0.0.0/5", "168.0.0.0/8", "169.0.0.0/9", "169.128.0.0/10", "169.192.0.0/11", "169.224.0.0/12", "169.240.0.0/13", "169.248.0.0/14", "169.252.0.0/15", "169.255.0.0/16", "170.0.0.0/7", "172.0.0.0/12", "172.32.0.0/11", "172.64.0.0/10", "172.128.0.0/9", "173.0.0.0/8", "174.0.0.0/7", "176.0.0.0/4", "192.0.0.0/9", "192.128.0.0/11", "192.160.0.0/13", "192.169.0.0/16", "192.170.0.0/15", "192.172.0.0/14", "192.176.0.0/12", "192.192.0.0/10", "193.0.0.0/8", "194.0.0.0/7", "196.0.0.0/7", "198.0.0.0/12", "198.16.0.0/15", "198.20.0.0/14", "198.24.0.0/13", "198.32.0.0/11", "198.64.0.0/10", "198.128.0.0/9", "199.0.0.0/8", "200.0.0.0/5", "208.0.0.0/4")]
    [InlineData(false, "0.0.0.0/1")]
    [InlineData(false, "0.0.0.0/1", "128.0.0.0/2")]
    [InlineData(false, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
    [InlineData(true, "::/1")]
    [InlineData(false, "::/3", "4000::/2")]
    [InlineData(false, "fc00::/7", "fe80::/10")]
    [InlineData(false, "2000::/4")]
    public void CoveredBy_WhenRangesTogetherHoldEveryInternetAddressOfAFamily_ShouldSaySo(bool covered, params string[] ranges) =>
        Assert.Equal(covered, Covered(ranges));

    [Theory]
    [InlineData("0.0.0.0/1", true)]
    [InlineData("203.0.113.0/24", true)]
    [InlineData("198.51.100.7", true)]
    [InlineData("8.8.8.8/32", true)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("10.0.0.0/7", true)]
    [InlineData("172.16.0.0/12", false)]
    [InlineData("172.31.255.255/32", false)]
    [InlineData("172.32.0.0/16", true)]
    [InlineData("192.168.1.0/24", false)]
    [InlineData("100.64.0.0/10", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::/0", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("fd00::/8", false)]
    [InlineData("fe80::/10", false)]
    [InlineData("::1", false)]
    [InlineData("8000::/1", false)]
    public void Overlap_WhenRange_ShouldSayWhetherItHoldsAnInternetAddress(string range, bool isPublic) =>
        Assert.Equal(isPublic, InternetAddresses.Overlap(Range(range)));

    [Fact]
    public void CoveredBy_WhenTheWholeSpaceIsSplitAtRandomAndOnePieceThatHoldsInternetAddressesIsLeftOut_ShouldNotBeCovered()
    {
        // Splits 0.0.0.0/0 or ::/0 into random CIDR pieces (the seed decides where): all of them cover the internet;
        // without any one piece that holds an internet address they do not.
        Gen.Select(Gen.Bool, Gen.Int[0, int.MaxValue], Gen.Int[0, 63]).Sample((ipv4, seed, drop) =>
        {
            var pieces = Split(ipv4, seed);
            Assert.True(InternetAddresses.CoveredBy(IpRangeSet.Of(pieces)));

            var dropped = pieces[drop % pieces.Count];
            var rest = pieces.Where(p => !ReferenceEquals(p, dropped));
            Assert.Equal(!InternetAddresses.Overlap(dropped), InternetAddresses.CoveredBy(IpRangeSet.Of(rest)));
        }, iter: 2_000, print: t => $"{(t.Item1 ? "IPv4" : "IPv6")} seed {t.Item2} drop {t.Item3}");
    }

    private static List<IpRange> Split(bool ipv4, int seed)
    {
        var bits = ipv4 ? 32 : 128;
        var pending = new Stack<(UInt128 First, int Prefix)>([(UInt128.Zero, 0)]);
        var pieces = new List<IpRange>();
        var state = (uint)seed | 1;
        while (pending.Count > 0)
        {
            var (first, prefix) = pending.Pop();
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            if (prefix < 12 && (prefix < 1 || state % 3 != 0))
            {
                var half = UInt128.One << (bits - prefix - 1);
                pending.Push((first, prefix + 1));
                pending.Push((first + half, prefix + 1));
                continue;
            }

            pieces.Add(Range($"{Address(first, ipv4)}/{prefix}"));
        }

        return pieces;
    }

    private static string Address(UInt128 value, bool ipv4)
    {
        var bytes = new byte[ipv4 ? 4 : 16];
        for (var i = bytes.Length - 1; i >= 0; i--, value >>= 8)
        {
            bytes[i] = (byte)(value & 0xFF);
        }

        return new System.Net.IPAddress(bytes).ToString();
    }
}
