using CsCheck;
using GuardAlerts.Core.Network;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Tests.Network;

/// <summary>
/// The union logic against a brute-force model: inside one small block every address can be enumerated, so what a
/// set of ranges covers or overlaps is checked address by address.
/// </summary>
public class IpRangeSetTests
{
    private const int Iterations = 2_000;

    private static IpRange Range(string text) => IpRange.TryParse(text, out var range) ? range! : throw new ArgumentException(text);

    private static IpRangeSet Set(params string[] ranges) => IpRangeSet.Of(ranges.Select(Range));

    // Ranges inside 10.1.2.0/24 and 2001:db8::/120: 256 addresses each, enumerable.
    private static readonly Gen<string> SmallV4 = Gen.Select(Gen.Int[0, 255], Gen.Int[24, 32], (host, prefix) => $"10.1.2.{host}/{prefix}");
    private static readonly Gen<string> SmallV6 = Gen.Select(Gen.Int[0, 255], Gen.Int[120, 128], (host, prefix) => $"2001:db8::{host:x}/{prefix}");

    private static IEnumerable<string> Addresses(bool ipv4) =>
        Enumerable.Range(0, 256).Select(i => ipv4 ? $"10.1.2.{i}" : $"2001:db8::{i:x}");

    [Fact]
    public void CoversAndOverlaps_WhenRandomRangesInASmallBlock_ShouldAgreeWithAddressByAddress()
    {
        var gen = Gen.Bool.SelectMany(ipv4 => Gen.Select((ipv4 ? SmallV4 : SmallV6).Array[0, 6], ipv4 ? SmallV4 : SmallV6, (ranges, target) => (ipv4, ranges, target)));

        gen.Sample(c =>
        {
            var (ipv4, ranges, target) = c;
            var parsed = ranges.Select(Range).ToList();
            var wanted = Range(target);
            var inUnion = Addresses(ipv4).Where(a => parsed.Exists(r => r.Contains(a))).ToHashSet();
            var inTarget = Addresses(ipv4).Where(wanted.Contains).ToList();
            var set = IpRangeSet.Of(parsed);

            var covers = ipv4 ? set.CoversIPv4Of(IpRangeSet.Of([wanted])) : set.CoversIPv6Of(IpRangeSet.Of([wanted]));
            Assert.Equal(inTarget.TrueForAll(inUnion.Contains), covers);
            Assert.Equal(inTarget.Exists(inUnion.Contains), set.Overlaps(wanted));
        }, iter: Iterations, print: c => $"{(c.ipv4 ? "IPv4" : "IPv6")} [{string.Join(", ", c.ranges)}] target {c.target}");
    }

    [Fact]
    public void Of_WhenTheSameRangesComeInAnyOrderOrWithDuplicates_ShouldCoverTheSame()
    {
        Gen.Select(SmallV4.Array[1, 6], SmallV4, Gen.Int[0, 1000]).Sample((ranges, target, seed) =>
        {
            var shuffled = ranges.Concat(ranges.Take(2)).OrderBy(r => (r.GetHashCode() ^ seed) & 0xFFFF).ToArray();
            var wanted = IpRangeSet.Of([Range(target)]);

            Assert.Equal(Set(ranges).CoversIPv4Of(wanted), Set(shuffled).CoversIPv4Of(wanted));
        }, iter: Iterations);
    }

    [Theory]
    [InlineData(new[] { "0.0.0.0/1", "128.0.0.0/1" }, "0.0.0.0/0", true)]
    [InlineData(new[] { "128.0.0.0/1", "0.0.0.0/1" }, "0.0.0.0/0", true)]
    [InlineData(new[] { "0.0.0.0/1", "128.0.0.0/2" }, "0.0.0.0/0", false)]
    [InlineData(new[] { "198.51.100.7/0" }, "0.0.0.0/0", true)]
    [InlineData(new[] { "255.255.255.255/32", "0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8", "255.0.0.0/9", "255.128.0.0/9" }, "0.0.0.0/0", true)]
    [InlineData(new[] { "::/1", "8000::/1" }, "::/0", true)]
    [InlineData(new[] { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "::/1", "8000::/2", "c000::/2" }, "::/0", true)]
    [InlineData(new[] { "0::/0" }, "::/0", true)]
    [InlineData(new[] { "::0/0" }, "::/0", true)]
    [InlineData(new[] { "0.0.0.0/0" }, "::/0", false)]
    public void Covers_WhenEdgesAndSpellings_ShouldComputeTheUnion(string[] ranges, string target, bool covers)
    {
        var set = Set(ranges);
        var wanted = Set(target);

        Assert.Equal(covers, set.CoversIPv4Of(wanted) && set.CoversIPv6Of(wanted));
    }

    [Fact]
    public void Of_WhenGivenManyRanges_ShouldStillAnswer()
    {
        // 65,536 /16 blocks: the whole IPv4 space in pieces; the work is one sort, not a pass per pair.
        var pieces = Enumerable.Range(0, 65_536).Select(i => Range($"{i >> 8}.{i & 0xFF}.0.0/16")).Reverse().ToList();

        Assert.True(IpRangeSet.Of(pieces).CoversIPv4Of(Set("0.0.0.0/0")));
        Assert.False(IpRangeSet.Of(pieces.Where((_, i) => i != 1234)).CoversIPv4Of(Set("0.0.0.0/0")));
    }
}
