using System.Buffers;
using System.Threading.Channels;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.ReplayFastPath;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// Collects, in input order, the rendered lines of skipped records into pooled 64 KB buffers (see
/// <see cref="ChunkPool"/>) and the items the full pipeline decides at their places among them, and passes each full
/// buffer to the file's bounded channel. Items ride in the buffer's segment instead of cutting it short, so the
/// channel's bound counts (nearly) full buffers: a reader can run several files' output ahead of the writer while
/// memory stays bounded by the channel's capacity times 64 KB.
/// </summary>
internal sealed class SegmentSink(IUnmatchedRenderer renderer, ChannelWriter<ReplaySegment> channel, ChunkPool pool) : IUnmatchedRecordSink, IBufferWriter<byte>
{
    private const int ChunkSize = ChunkPool.ChunkSize;

    // Parsed events hold their JsonDocument: a segment of nothing but items is passed on after this many.
    private const int MaxItems = 64;

    private byte[] _chunk = pool.Rent();
    private int _length;
    private int _events;
    private List<(int Offset, InputItem Item)>? _items;

    public bool NeedsDrain => _length > ChunkSize - 4096;

    public void Accept(in UnmatchedRecord record)
    {
        renderer.Render(record, this);
        _events++;
    }

    /// <summary>Adds an item for the full pipeline after the lines accepted so far.</summary>
    public ValueTask AddAsync(InputItem item, CancellationToken cancellationToken)
    {
        (_items ??= []).Add((_length, item));
        return _items.Count >= MaxItems ? DrainAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (_events == 0 && _items is null)
        {
            return;
        }

        var segment = new ReplaySegment(_chunk, _length, _events, _items ?? (IList<(int, InputItem)>)[]);
        _chunk = pool.Rent();
        _length = 0;
        _events = 0;
        _items = null;
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
