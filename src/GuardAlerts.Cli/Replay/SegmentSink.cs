using System.Buffers;
using System.Threading.Channels;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// Collects rendered lines of skipped records into pooled 64 KB buffers (see <see cref="ChunkPool"/>) and passes each full buffer to the file's
/// bounded channel, so a reader runs ahead of the writer by a few buffers at most (memory does not grow with input).
/// </summary>
internal sealed class SegmentSink(IUnmatchedRenderer renderer, ChannelWriter<ReplaySegment> channel, ChunkPool pool) : IUnmatchedRecordSink, IBufferWriter<byte>
{
    private const int ChunkSize = ChunkPool.ChunkSize;

    private byte[] _chunk = pool.Rent();
    private int _length;
    private int _events;

    public bool NeedsDrain => _length > ChunkSize - 4096;

    public void Accept(in UnmatchedRecord record)
    {
        renderer.Render(record, this);
        _events++;
    }

    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (_events == 0)
        {
            return;
        }

        var segment = new ReplaySegment(_chunk, _length, _events, null);
        _chunk = pool.Rent();
        _length = 0;
        _events = 0;
        await channel.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the current buffer to the pool (after the last drain).</summary>
    public void Release()
    {
        pool.Return(_chunk);
        _chunk = [];
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        var need = _length + Math.Max(sizeHint, 256);
        if (need > _chunk.Length)
        {
            // One line longer than what is left: grow this buffer (rare; lines are a few hundred bytes).
            var bigger = GC.AllocateUninitializedArray<byte>(Math.Max(need, _chunk.Length * 2));
            _chunk.AsSpan(0, _length).CopyTo(bigger);
            pool.Return(_chunk);
            _chunk = bigger;
        }
    }
}
