using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Network;

/// <summary>
/// The union of IP ranges, IPv4 and IPv6 kept apart, as sorted disjoint intervals: what a set of CIDR blocks covers
/// together, whatever their spelling, order, overlap or host bits.
/// </summary>
public sealed class IpRangeSet
{
    private readonly List<Interval> _v4;
    private readonly List<Interval> _v6;

    private IpRangeSet(List<Interval> v4, List<Interval> v6)
    {
        _v4 = v4;
        _v6 = v6;
    }

    /// <summary>The union of <paramref name="ranges"/>.</summary>
    public static IpRangeSet Of(IEnumerable<IpRange> ranges)
    {
        var v4 = new List<Interval>();
        var v6 = new List<Interval>();
        foreach (var range in ranges)
        {
            (range.IsIPv4 ? v4 : v6).Add(new Interval(range.First, range.Last));
        }

        return new IpRangeSet(Merge(v4), Merge(v6));
    }

    /// <summary>Every address of the family outside <paramref name="excluded"/>.</summary>
    internal static IpRangeSet Complement(IEnumerable<IpRange> excluded, bool ipv4)
    {
        var holes = Of(excluded);
        var max = ipv4 ? (UInt128)uint.MaxValue : UInt128.MaxValue;
        var result = new List<Interval>();
        UInt128 next = 0;
        var open = true;
        foreach (var hole in ipv4 ? holes._v4 : holes._v6)
        {
            if (hole.First > next)
            {
                result.Add(new Interval(next, hole.First - 1));
            }

            open = hole.Last < max;
            next = open ? hole.Last + 1 : max;
        }

        if (open)
        {
            result.Add(new Interval(next, max));
        }

        return ipv4 ? new IpRangeSet(result, []) : new IpRangeSet([], result);
    }

    /// <summary>Whether the set holds no address.</summary>
    public bool IsEmpty => _v4.Count == 0 && _v6.Count == 0;

    /// <summary>Whether every IPv4 address of <paramref name="other"/> is in this set.</summary>
    public bool CoversIPv4Of(IpRangeSet other) => Covers(_v4, other._v4);

    /// <summary>Whether every IPv6 address of <paramref name="other"/> is in this set.</summary>
    public bool CoversIPv6Of(IpRangeSet other) => Covers(_v6, other._v6);

    /// <summary>Whether <paramref name="range"/> shares at least one address with this set.</summary>
    public bool Overlaps(IpRange range)
    {
        foreach (var interval in range.IsIPv4 ? _v4 : _v6)
        {
            if (interval.First <= range.Last && range.First <= interval.Last)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Covers(List<Interval> mine, List<Interval> theirs)
    {
        // Both lists are sorted and maximal (no two intervals touch), so each of theirs is covered only if one of
        // mine holds it whole; walking both once is linear.
        var i = 0;
        foreach (var wanted in theirs)
        {
            while (i < mine.Count && mine[i].Last < wanted.First)
            {
                i++;
            }

            if (i == mine.Count || mine[i].First > wanted.First || mine[i].Last < wanted.Last)
            {
                return false;
            }
        }

        return true;
    }

    private static List<Interval> Merge(List<Interval> intervals)
    {
        intervals.Sort((a, b) => a.First.CompareTo(b.First));
        var merged = new List<Interval>(intervals.Count);
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && Touches(merged[^1], interval))
            {
                var last = merged[^1];
                merged[^1] = last with { Last = UInt128.Max(last.Last, interval.Last) };
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged;
    }

    // Adjacent blocks (0.0.0.0/1 and 128.0.0.0/1) join into one; written without "+ 1" so the top address cannot overflow.
    private static bool Touches(Interval earlier, Interval later) =>
        later.First <= earlier.Last || later.First - earlier.Last == 1;

    private readonly record struct Interval(UInt128 First, UInt128 Last);
}
