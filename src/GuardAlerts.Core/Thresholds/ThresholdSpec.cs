using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Thresholds;

/// <summary>
/// What a threshold (counting) rule counts: <see cref="Count"/> matching events (or distinct values at
/// <see cref="Distinct"/>) within <see cref="Window"/>, per group of <see cref="GroupBy"/> values. It alerts when the
/// count reaches N, and again at 2N, 4N and 8N (<see cref="Levels"/>); the ledger keeps at most 8N members per window.
/// </summary>
/// <param name="Count">N: the count that alerts first.</param>
/// <param name="Window">M: the length of time the N events must fall within.</param>
/// <param name="GroupBy">What each count is kept per: <c>account</c>, <c>region</c>, <c>principal</c> or a dotted path into the record.</param>
/// <param name="Distinct">When not empty, the count is of distinct values at these paths (user names, instance ids), not of events.</param>
/// <param name="Counted">How the alert names what it counted ("failed console sign-ins", "distinct instances").</param>
public sealed record ThresholdSpec(int Count, TimeSpan Window, IReadOnlyList<string> GroupBy, IReadOnlyList<JsonPath> Distinct, string Counted)
{
    /// <summary>The multiples of N that alert: N, 2N, 4N, 8N.</summary>
    public const int Levels = 4;

    /// <summary>The group-by names that are not paths into the record.</summary>
    public static readonly IReadOnlyList<string> Keywords = ["account", "region", "principal"];

    /// <summary>The most members a window keeps (8N): enough to see every multiple that alerts, and no more.</summary>
    public int Cap => Count << (Levels - 1);

    /// <summary>The count at which <paramref name="level"/> (1..4) is crossed: N, 2N, 4N, 8N.</summary>
    public int CountFor(int level) => Count << (level - 1);

    /// <summary>The highest level reached by <paramref name="count"/> (0: below N).</summary>
    public int LevelOf(long count)
    {
        var level = 0;
        while (level < Levels && count >= CountFor(level + 1))
        {
            level++;
        }

        return level;
    }
}
