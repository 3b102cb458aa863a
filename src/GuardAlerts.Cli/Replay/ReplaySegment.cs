using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// What a file's reader hands the in-order writer: rendered lines of skipped records (<see cref="Rendered"/>, a pooled
/// buffer the writer returns) with, at their places among those lines, the items the full pipeline must decide in
/// input order (its dedup ledger is order-dependent): item k comes after the first <c>Items[k].Offset</c> bytes. The
/// writer clears each item once decided, so a large value is not kept alive by the rest of its segment.
/// </summary>
internal readonly record struct ReplaySegment(byte[]? Rendered, int Length, int Events, IList<(int Offset, InputItem Item)> Items, bool CannotOpen = false)
{
    public static ReplaySegment Of(InputItem item, bool cannotOpen = false) => new(null, 0, 0, [(0, item)], cannotOpen);
}
