using System.Numerics;

namespace GuardAlerts.Core.Reading;

/// <summary>The streaming state behind <see cref="EventReader"/>: a growable window over the input and the container being read.</summary>
internal sealed class ReaderState(Stream input, string source, IRecordSkipper? filter = null, ValueBudgetTicket? budget = null,
    long resyncBudgetBytes = ReaderState.ResyncBudgetBytes)
{
    private const int LookAhead = 4096;
    private const int InitialBufferBytes = 64 * 1024;

    // Enough to find that a value is larger than MaxValueBytes (and skip it), never more: one value's worst case.
    private const int MaxBufferBytes = EventReader.MaxValueBytes + InitialBufferBytes;

    // Each resync after a value that never ends rescans the rest of the input: a file of many unclosed lines would
    // cost quadratic time. Once broken values have cost this many bytes of scanning, the rest is reported as one
    // truncated value, as before resyncing existed (about a second of work at most).
    internal const long ResyncBudgetBytes = 1L << 30;

    private enum Mode
    {
        TopLevel,
        Array,
        Records,
        AfterRecords,
    }

    private byte[] _buffer = new byte[InitialBufferBytes];

    // The budget's bytes for the buffer beyond EventReader.NormalBufferBytes (null until it first grows that far).
    private ValueLease? _bufferLease;
    private int _start;
    private int _end;
    private bool _eof;
    private long _base;
    private long _line = 1;
    private bool _started;
    private Mode _mode = Mode.TopLevel;
    private long _containerLine;
    private long _resyncScanned;
    private long _textStart;

    /// <summary>Bytes the value scanner has visited so far, rescans included: the reader's work, which tests bound.</summary>
    internal long ScannedBytes { get; private set; }

    /// <summary>Bytes offered to the fast path's filter so far, retries included (it starts over when it needs more).</summary>
    internal long OfferedBytes { get; private set; }

    /// <summary>The next items, or null at the end of the input.</summary>
    public async ValueTask<List<InputItem>?> NextAsync(CancellationToken ct)
    {
        if (!_started)
        {
            _started = true;
            await EnsureAsync(3, ct).ConfigureAwait(false);
            if (_end - _start >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start += 3; // UTF-8 byte order mark, as Windows editors write it
                _textStart = 3;
            }
        }

        while (true)
        {
            ShrinkBuffer();
            switch (_mode)
            {
                case Mode.TopLevel:
                {
                    if (!await SkipWhitespaceAsync(commas: false, ct).ConfigureAwait(false))
                    {
                        return null;
                    }

                    var c = _buffer[_start];
                    if (c == (byte)'[')
                    {
                        _containerLine = _line;
                        _start++;
                        _mode = Mode.Array;
                        continue;
                    }

                    if (c == (byte)'{')
                    {
                        if (await RecordsArrayStartAsync(ct).ConfigureAwait(false) is var skip and > 0)
                        {
                            _containerLine = _line;
                            _start += skip;
                            _mode = Mode.Records;
                            continue;
                        }

                        if (filter is not null && await TrySkipAsync(filter, ct).ConfigureAwait(false))
                        {
                            continue;
                        }

                        return await ReadValueAsync(ct).ConfigureAwait(false);
                    }

                    var error = Error($"unexpected {Show(c)}: expected a JSON object or array");
                    await SkipLineAsync(ct).ConfigureAwait(false);
                    return [error];
                }

                case Mode.Array or Mode.Records:
                {
                    if (!await SkipWhitespaceAsync(commas: true, ct).ConfigureAwait(false))
                    {
                        _mode = Mode.TopLevel;
                        return [new InputItem(source, _containerLine, _base + _start, null, "truncated JSON: the array starting here never closes")];
                    }

                    var c = _buffer[_start];
                    if (c == (byte)']')
                    {
                        _start++;
                        _mode = _mode == Mode.Records ? Mode.AfterRecords : Mode.TopLevel;
                        continue;
                    }

                    if (c == (byte)'{' && filter is not null && await TrySkipAsync(filter, ct).ConfigureAwait(false))
                    {
                        continue;
                    }

                    if (c is (byte)'{' or (byte)'[')
                    {
                        return await ReadValueAsync(ct).ConfigureAwait(false);
                    }

                    var error = Error($"array item {Show(c)} is not an event object");
                    await SkipScalarAsync(ct).ConfigureAwait(false);
                    return [error];
                }

                case Mode.AfterRecords:
                {
                    _mode = Mode.TopLevel;
                    var scanner = default(ValueScanner);
                    scanner.ResetInside(1);
                    if (await ScanAsync(scanner, discard: true, ct).ConfigureAwait(false) < 0)
                    {
                        return [new InputItem(source, _containerLine, _base + _start, null, "truncated JSON: the log file object never closes")];
                    }

                    continue;
                }
            }
        }
    }

    private async ValueTask<List<InputItem>> ReadValueAsync(CancellationToken ct)
    {
        var line = _line;
        var offset = _base + _start;
        var indent = Indent();
        var scanner = default(ValueScanner);
        scanner.Reset();
        var scanned = 0;
        var skipping = false;
        while (true)
        {
            var found = scanner.Scan(_buffer.AsSpan(_start + scanned, _end - _start - scanned));
            ScannedBytes += found >= 0 ? found : _end - _start - scanned;
            if (found >= 0)
            {
                var length = scanned + found;
                // The parsed value (a copy of its bytes) lives until the consumer decides it: counted in the budget.
                var lease = skipping || budget is null ? null : await LeaseAsync(length, ct).ConfigureAwait(false);
                var items = skipping
                    ? [new InputItem(source, line, offset, null, $"value larger than {EventReader.MaxValueBytes / (1024 * 1024)} MB skipped: no real event is that large")]
                    : EventReader.ParseValue(_buffer.AsMemory(_start, length), source, line, offset);
                if (!skipping && items is [{ Parsed: null } broken] && await FindResyncAsync(indent, length, ct).ConfigureAwait(false) is { } resync)
                {
                    lease?.Dispose();
                    return [Resync(broken, resync)];
                }

                _start += length;
                _line += scanner.Newlines;
                return HandOver(items, lease);
            }

            scanned = _end - _start;
            if (!skipping && scanned > EventReader.MaxValueBytes)
            {
                skipping = true;
            }

            if (skipping)
            {
                _start = _end;
                scanned = 0;
            }

            if (!await ReadMoreAsync(ct).ConfigureAwait(false))
            {
                var truncated = new InputItem(source, line, offset, null, "truncated JSON: the value starting here never ends");
                if (!skipping && await FindResyncAsync(indent, _end - _start, ct).ConfigureAwait(false) is { } resync)
                {
                    return [Resync(truncated, resync)];
                }

                // The input ended inside this value: one error for it, not another for the array around it.
                var lost = skipping ? 1 : ResyncSearch.EventStarts(_buffer.AsSpan(_start, _end - _start));
                _mode = Mode.TopLevel;
                _line += scanner.Newlines;
                _start = _end;
                return [truncated with { Error = $"{truncated.Error} ({Records(lost)} skipped, to the end of the input)" }];
            }
        }
    }

    /// <summary>
    /// Where to resume after the broken value at _start (<paramref name="length"/> bytes as scanned): in an array, the
    /// next element that is an event of its own; at the top level (JSON Lines), a later line. Null when there is none
    /// (or broken values have already cost the resync budget). Valid values are never cut: only a value the parser
    /// rejected is searched.
    /// </summary>
    private async ValueTask<ResyncSearch.Found?> FindResyncAsync(int indent, int length, CancellationToken ct)
    {
        if (_resyncScanned >= resyncBudgetBytes)
        {
            return null;
        }

        var work = _resyncScanned;
        ResyncSearch.Found? found;
        if (_mode is Mode.Array or Mode.Records)
        {
            // A record cut short runs into the next ones: the scanner's "end" may lie inside a later record, so look
            // a little past it for the element to resume at.
            await ReadAtLeastAsync(length + LookAhead, ct).ConfigureAwait(false);
            found = ResyncSearch.NextElement(_buffer.AsSpan(_start, _end - _start), length, _eof, resyncBudgetBytes, ref work);
        }
        else
        {
            found = ResyncSearch.NextLine(_buffer.AsSpan(_start, length), indent, _eof && length == _end - _start, resyncBudgetBytes, ref work);
        }

        // Each resync counts at least the broken value's length, which the scanner read and will read again after the
        // cut: a file of many unclosed lines costs the budget once, then the rest is one error.
        ScannedBytes += work - _resyncScanned;
        _resyncScanned = Math.Max(work, _resyncScanned + length);
        return found;
    }

    /// <summary>A lease of <paramref name="bytes"/> for a value about to be parsed, waiting while the budget is used up.</summary>
    private async ValueTask<ValueLease> LeaseAsync(int bytes, CancellationToken ct)
    {
        var lease = budget!.Lease();
        await lease.GrowToAsync(bytes, DrainSink(ct), ct).ConfigureAwait(false);
        return lease;
    }

    /// <summary>Puts the lease on the value's last item (the consumer frees it after deciding it), or frees it when nothing was parsed.</summary>
    private static List<InputItem> HandOver(List<InputItem> items, ValueLease? lease)
    {
        if (lease is null)
        {
            return items;
        }

        if (items.Count == 0 || items.TrueForAll(i => i.Parsed is null))
        {
            lease.Dispose();
            return items;
        }

        lease.HandOver();
        items[^1] = items[^1] with { Lease = lease };
        return items;
    }

    /// <summary>
    /// Before waiting on the budget: what the fast path collected so far (the items before this value included) goes
    /// to the consumer, which may be waiting on exactly that before it frees anything.
    /// </summary>
    private Func<ValueTask>? DrainSink(CancellationToken ct) => filter is null ? null : () => filter.DrainAsync(ct);

    /// <summary>After a large value: back to a buffer of normal size, and its bytes back to the budget.</summary>
    private void ShrinkBuffer()
    {
        var pending = _end - _start;
        if (_buffer.Length <= EventReader.NormalBufferBytes || pending > EventReader.NormalBufferBytes / 2)
        {
            return;
        }

        var smaller = new byte[Math.Max(InitialBufferBytes, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, pending)) * 2)];
        _buffer.AsSpan(_start, pending).CopyTo(smaller);
        _buffer = smaller;
        _base += _start;
        _start = 0;
        _end = pending;
        _bufferLease?.ShrinkTo(0);
    }

    /// <summary>Spaces and tabs before the value at _start on its line; -1 when something else precedes it or it is unknown.</summary>
    private int Indent()
    {
        var i = _start;
        var textStart = (int)Math.Max(0, _textStart - _base);
        while (i > textStart && _buffer[i - 1] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            i--;
        }

        return (i == textStart && _base <= _textStart) || (i > 0 && _buffer[i - 1] == (byte)'\n') ? _start - i : -1;
    }

    /// <summary>Offers the object at _start to the fast path; true when it took it (the bytes are consumed).</summary>
    private async ValueTask<bool> TrySkipAsync(IRecordSkipper filter, CancellationToken ct)
    {
        while (true)
        {
            OfferedBytes += _end - _start;
            var status = filter.TrySkip(_buffer.AsSpan(_start, _end - _start), _eof, out var consumed);
            if (status == SkimStatus.Skipped)
            {
                _line += _buffer.AsSpan(_start, consumed).Count((byte)'\n');
                _start += consumed;
                if (filter.NeedsDrain)
                {
                    await filter.DrainAsync(ct).ConfigureAwait(false);
                }

                return true;
            }

            // The filter starts over on every call: double what it sees each time, or a record arriving in small reads
            // (gzip) is skimmed once per read, quadratic in its size.
            if (status == SkimStatus.FullParse || !await ReadAtLeastAsync(2 * (_end - _start), ct).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>Reads until <paramref name="bytes"/> are available from _start (or the input ends); false when nothing more came.</summary>
    private async ValueTask<bool> ReadAtLeastAsync(int bytes, CancellationToken ct)
    {
        var before = _end - _start;
        while (_end - _start < bytes && await ReadMoreAsync(ct).ConfigureAwait(false))
        {
        }

        return _end - _start > before;
    }

    /// <summary>Scans with a prepared scanner, consuming what it covers; returns bytes consumed or -1 at end of input.</summary>
    private async ValueTask<long> ScanAsync(ValueScanner scanner, bool discard, CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            var found = scanner.Scan(_buffer.AsSpan(_start, _end - _start));
            if (found >= 0)
            {
                _start += found;
                _line += scanner.Newlines;
                return total + found;
            }

            total += _end - _start;
            if (discard)
            {
                _start = _end;
            }

            if (!await ReadMoreAsync(ct).ConfigureAwait(false))
            {
                _line += scanner.Newlines;
                return -1;
            }
        }
    }

    /// <summary>If the object at _start opens with "Records": [, the bytes up to and including '['; else 0.</summary>
    private async ValueTask<int> RecordsArrayStartAsync(CancellationToken ct)
    {
        await EnsureAsync(LookAhead, ct).ConfigureAwait(false);
        var span = _buffer.AsSpan(_start, _end - _start);
        var i = 1;
        i = SkipWs(span, i);
        const string key = "\"Records\"";
        if (span.Length - i < key.Length || !span.Slice(i, key.Length).SequenceEqual("\"Records\""u8))
        {
            return 0;
        }

        i = SkipWs(span, i + key.Length);
        if (i >= span.Length || span[i] != (byte)':')
        {
            return 0;
        }

        i = SkipWs(span, i + 1);
        if (i >= span.Length || span[i] != (byte)'[')
        {
            return 0;
        }

        // Count the newlines skipped so positions stay right for pretty-printed files.
        _line += span[..(i + 1)].Count((byte)'\n');
        return i + 1;
    }

    /// <summary>Reports a broken value that ends where reading resumes, and resumes there (in the same array, if any).</summary>
    private InputItem Resync(InputItem broken, ResyncSearch.Found resync)
    {
        var skippedLines = _buffer.AsSpan(_start, resync.Cut).Count((byte)'\n');
        _start += resync.Cut;
        _line = broken.Line + skippedLines;
        return broken with { Error = $"{broken.Error} ({Records(resync.Skipped)} skipped; reading resumes on line {_line})" };
    }

    private static string Records(int count) => count == 1 ? "1 record" : $"{count} records";

    private static int SkipWs(ReadOnlySpan<byte> span, int i)
    {
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    private async ValueTask<bool> SkipWhitespaceAsync(bool commas, CancellationToken ct)
    {
        while (true)
        {
            while (_start < _end)
            {
                var b = _buffer[_start];
                if (b == (byte)'\n')
                {
                    _line++;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r') && !(commas && b == (byte)','))
                {
                    return true;
                }

                _start++;
            }

            if (!await ReadMoreAsync(ct).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    private async ValueTask SkipLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                _line++;
                return;
            }

            _start = _end;
            if (!await ReadMoreAsync(ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async ValueTask SkipScalarAsync(CancellationToken ct)
    {
        var inString = _buffer[_start] == (byte)'"';
        var escape = false;
        _start += inString ? 1 : 0;
        while (true)
        {
            while (_start < _end)
            {
                var b = _buffer[_start];
                if (inString)
                {
                    escape = !escape && b == (byte)'\\';
                    inString = escape || b != (byte)'"';
                }
                else if (b is (byte)',' or (byte)']' or (byte)'\n' or (byte)'{' or (byte)'[')
                {
                    return;
                }

                if (b == (byte)'\n')
                {
                    _line++;
                }

                _start++;
            }

            if (!await ReadMoreAsync(ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async ValueTask EnsureAsync(int bytes, CancellationToken ct)
    {
        while (_end - _start < bytes && await ReadMoreAsync(ct).ConfigureAwait(false))
        {
        }
    }

    /// <summary>Reads more input after the current window, compacting or growing the buffer; false at the end.</summary>
    private async ValueTask<bool> ReadMoreAsync(CancellationToken ct)
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _base += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var size = Math.Min(_buffer.Length * 2, MaxBufferBytes);
            if (size == _buffer.Length)
            {
                // Every caller discards a value once it passes MaxValueBytes, so a full buffer at the limit is a bug.
                throw new InvalidOperationException($"the reader's buffer is full at {MaxBufferBytes} bytes");
            }

            if (budget is not null && size > EventReader.NormalBufferBytes)
            {
                _bufferLease ??= budget.Lease();
                await _bufferLease.GrowToAsync(size - EventReader.NormalBufferBytes, DrainSink(ct), ct).ConfigureAwait(false);
            }

            Array.Resize(ref _buffer, size);
        }

        var read = await input.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    private InputItem Error(string message) => new(source, _line, _base + _start, null, message);

    private static string Show(byte b) => b is >= 0x20 and < 0x7F ? $"'{(char)b}'" : $"byte 0x{b:X2}";
}
