namespace GuardAlerts.Core.Reading;

/// <summary>
/// Finds where a JSON object or array ends without parsing it: tracks depth, strings and escapes. Resumable across
/// buffer refills, so a value of any size is scanned once; used to cut a stream into values that are then parsed
/// (and validated) one at a time.
/// </summary>
internal struct ValueScanner
{
    private int _depth;
    private bool _inString;
    private bool _escape;

    /// <summary>Newlines seen so far inside the current value.</summary>
    public long Newlines { get; private set; }

    /// <summary>Starts a value whose first byte ('{' or '[') is at the start of the next span passed to <see cref="Scan"/>.</summary>
    public void Reset()
    {
        _depth = 0;
        _inString = false;
        _escape = false;
        Newlines = 0;
    }

    /// <summary>Continues inside a container already opened <paramref name="depth"/> levels deep.</summary>
    public void ResetInside(int depth)
    {
        Reset();
        _depth = depth;
    }

    /// <summary>Scans <paramref name="data"/>; returns the index just past the value's end, or -1 if it continues.</summary>
    public int Scan(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == (byte)'\n')
            {
                Newlines++;
            }

            if (_inString)
            {
                if (_escape)
                {
                    _escape = false;
                }
                else if (b == (byte)'\\')
                {
                    _escape = true;
                }
                else if (b == (byte)'"')
                {
                    _inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--_depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }
}
