using System.Collections.Concurrent;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// The 64 KB buffers readers fill with rendered lines and the writer drains, kept for reuse. The shared ArrayPool
/// keeps only a few arrays per size and core, while a replay has up to SegmentsAhead buffers in flight per reader:
/// most rents there were fresh, zeroed 64 KB allocations (about one per 64 KB of output). Thread-safe.
/// </summary>
internal sealed class ChunkPool(int capacity)
{
    public const int ChunkSize = 64 * 1024;

    private readonly ConcurrentQueue<byte[]> _free = new();
    private int _allocated;

    /// <summary>How many buffers were allocated so far (what readers had in flight at most, plus the pool's spares).</summary>
    public int Allocated => Volatile.Read(ref _allocated);

    public byte[] Rent()
    {
        if (_free.TryDequeue(out var chunk))
        {
            return chunk;
        }

        Interlocked.Increment(ref _allocated);
        return GC.AllocateUninitializedArray<byte>(ChunkSize);
    }

    /// <summary>Takes a buffer back; a grown one (a line over 60 KB) or one beyond the capacity is left to the GC.</summary>
    public void Return(byte[] chunk)
    {
        if (chunk.Length == ChunkSize && _free.Count < capacity)
        {
            _free.Enqueue(chunk);
        }
    }
}
