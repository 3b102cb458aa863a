using System.Numerics;

namespace GuardAlerts.Core.ReplayFastPath;

/// <summary>
/// A hash index over the property names of one large object open in the record <see cref="UnmatchedRecordFilter"/>
/// is reading (one table per depth), so that finding a duplicate name costs a few probes instead of a scan of every
/// name before it: a record with n keys in one object is checked in O(n), not O(n²). Names are hashed whole with
/// <see cref="HashCode"/>, whose seed is random per process, so a record cannot be written to make names collide.
/// </summary>
internal sealed class PropertyNameIndex(int maxDepth)
{
    private readonly int[]?[] _tables = new int[]?[maxDepth + 2];
    private readonly int[] _sizes = new int[maxDepth + 2];
    private readonly int[] _counts = new int[maxDepth + 2];
    private readonly long[] _builtFor = new long[maxDepth + 2];

    /// <summary>Names compared with the one looked up (probes), for tests that bound the work.</summary>
    public long Comparisons { get; private set; }

    /// <summary>
    /// Whether <paramref name="name"/> is already among the names [<paramref name="start"/>, <paramref name="count"/>)
    /// of the object <paramref name="frame"/> open at <paramref name="depth"/>; if not, records it as name number
    /// <paramref name="count"/> (which the caller then appends).
    /// </summary>
    public bool AddOrFind(ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, ulong key, int depth, long frame, int start, int count, Names names)
    {
        if (_builtFor[depth] != frame)
        {
            _builtFor[depth] = frame;
            Resize(data, depth, start, count, names, Math.Max(64, (int)BitOperations.RoundUpToPowerOf2((uint)(count - start) * 4)));
        }
        else if ((_counts[depth] + 1) * 2 > _sizes[depth])
        {
            Resize(data, depth, start, count, names, _sizes[depth] * 2);
        }

        var table = _tables[depth]!;
        var mask = _sizes[depth] - 1;
        var slot = Hash(name) & mask;
        for (; table[slot] != 0; slot = (slot + 1) & mask)
        {
            Comparisons++;
            var i = table[slot] - 1;
            if (names.Keys[i] == key && names.Lengths[i] == name.Length && data.Slice(names.Offsets[i], name.Length).SequenceEqual(name))
            {
                return true;
            }
        }

        table[slot] = count + 1;
        _counts[depth]++;
        return false;
    }

    /// <summary>Rebuilds the table of <paramref name="depth"/> with <paramref name="size"/> slots from the names [start, end).</summary>
    private void Resize(ReadOnlySpan<byte> data, int depth, int start, int end, Names names, int size)
    {
        // Only the first `size` slots are used: clearing costs what this object needs, not what an earlier one did.
        if (_tables[depth] is not { } table || table.Length < size)
        {
            table = _tables[depth] = new int[size];
        }
        else
        {
            Array.Clear(table, 0, size);
        }

        _sizes[depth] = size;
        _counts[depth] = end - start;
        var mask = size - 1;
        for (var i = start; i < end; i++)
        {
            var slot = Hash(data.Slice(names.Offsets[i], names.Lengths[i])) & mask;
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = i + 1;
        }
    }

    /// <summary>The filter's stacked property names: packed key, offset in the record and length of each.</summary>
    public readonly ref struct Names(ReadOnlySpan<ulong> keys, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths)
    {
        public readonly ReadOnlySpan<ulong> Keys = keys;
        public readonly ReadOnlySpan<int> Offsets = offsets;
        public readonly ReadOnlySpan<int> Lengths = lengths;
    }

    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.AddBytes(name);
        return hash.ToHashCode() & int.MaxValue;
    }
}
