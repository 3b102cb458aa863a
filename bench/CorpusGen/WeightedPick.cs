namespace GuardAlerts.Bench.CorpusGen;

/// <summary>Draws from a fixed set of calls in proportion to their weights.</summary>
internal sealed class WeightedPick
{
    private readonly EventKindSpec[] _specs;
    private readonly int[] _cumulative;

    public WeightedPick(IEnumerable<EventKindSpec> specs)
    {
        _specs = [.. specs];
        _cumulative = new int[_specs.Length];
        var total = 0;
        for (var i = 0; i < _specs.Length; i++)
        {
            total += _specs[i].Weight;
            _cumulative[i] = total;
        }
    }

    public int TotalWeight => _cumulative[^1];

    public EventKindSpec Pick(Random random)
    {
        var i = Array.BinarySearch(_cumulative, random.Next(_cumulative[^1]) + 1);
        return _specs[i >= 0 ? i : ~i];
    }
}
