using System.Text.Json;

namespace GuardAlerts.Core.Events;

/// <summary>
/// Finds and repairs JSON string escapes that decode to half of a UTF-16 surrogate pair ("\uD800" with no low half
/// after it, or a low half alone). They are valid JSON but not text: System.Text.Json throws when such a string (or
/// property name) is read, so one of them in a user agent would turn a whole event into an error. A repair rewrites
/// the escape to "\uFFFD" (U+FFFD, the replacement character) in a copy of the bytes: the same length, so offsets and
/// line numbers stay right, and every later reader sees valid text.
/// </summary>
internal static class LoneSurrogates
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>Whether the bytes hold any \uD800-\uDFFF escape (pairs included): a quick test before <see cref="Repair"/>.</summary>
    public static bool HasSurrogateEscape(ReadOnlySpan<byte> json)
    {
        for (var i = json.IndexOf("\\u"u8); i >= 0 && i + 3 < json.Length;)
        {
            if ((json[i + 2] | 0x20) == 'd' && json[i + 3] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }

            var next = json[(i + 2)..].IndexOf("\\u"u8);
            i = next < 0 ? -1 : i + 2 + next;
        }

        return false;
    }

    /// <summary>
    /// The bytes with every lone surrogate escape replaced by \uFFFD, and the path of each string or property name
    /// that held one ("detail.userAgent", "Records[3].requestParameters.name"); null when there is nothing to repair
    /// or the bytes are not valid JSON (the parser reports that).
    /// </summary>
    public static (byte[] Bytes, List<string> Paths)? Repair(ReadOnlySpan<byte> json)
    {
        if (!HasSurrogateEscape(json))
        {
            return null;
        }

        byte[]? copy = null;
        var paths = new List<string>();
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(Options));
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        var start = (int)reader.TokenStartIndex + 1;
                        var repaired = reader.ValueIsEscaped && RepairEscapes(json, start, reader.ValueSpan.Length, ref copy);
                        var frame = frames[^1];
                        frame.Name = Decode(copy ?? json, start, reader.ValueSpan.Length, reader.ValueIsEscaped);
                        frames[^1] = frame;
                        if (repaired)
                        {
                            paths.Add(ChildPath(frames));
                        }

                        break;
                    }

                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add(new Frame(frames.Count == 0 ? "" : ChildPath(frames), reader.TokenType == JsonTokenType.StartArray));
                        break;

                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        NextItem(frames);
                        break;

                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped && RepairEscapes(json, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, ref copy))
                        {
                            paths.Add(frames.Count == 0 ? "" : ChildPath(frames));
                        }

                        NextItem(frames);
                        break;

                    default:
                        NextItem(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return copy is null ? null : (copy, paths.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Rewrites the lone surrogate escapes of the string content at [start, start+length); true when it found one.</summary>
    private static bool RepairEscapes(ReadOnlySpan<byte> json, int start, int length, ref byte[]? copy)
    {
        var found = false;
        var end = start + length;
        for (var i = start; i < end; i++)
        {
            if (json[i] != (byte)'\\')
            {
                continue;
            }

            if (json[i + 1] != (byte)'u')
            {
                i++; // a one-character escape (\" \\ \n ...)
                continue;
            }

            var unit = Hex(json.Slice(i + 2, 4));
            if (unit is >= 0xD800 and <= 0xDBFF && i + 11 < end && json[i + 6] == (byte)'\\' && json[i + 7] == (byte)'u'
                && Hex(json.Slice(i + 8, 4)) is >= 0xDC00 and <= 0xDFFF)
            {
                i += 11; // a valid pair: both halves
                continue;
            }

            if (unit is >= 0xD800 and <= 0xDFFF)
            {
                copy ??= json.ToArray();
                "FFFD"u8.CopyTo(copy.AsSpan(i + 2));
                found = true;
            }

            i += 5;
        }

        return found;
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var b in digits)
        {
            var d = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return -1;
            }

            value = (value * 16) + d;
        }

        return value;
    }

    /// <summary>A property name's text, read from bytes whose lone surrogates (if any) were already repaired.</summary>
    private static string Decode(ReadOnlySpan<byte> json, int start, int length, bool escaped)
    {
        if (!escaped)
        {
            return System.Text.Encoding.UTF8.GetString(json.Slice(start, length));
        }

        var reader = new Utf8JsonReader(json.Slice(start - 1, length + 2));
        reader.Read();
        return reader.GetString() ?? "";
    }

    private static string ChildPath(List<Frame> frames)
    {
        var frame = frames[^1];
        if (frame.IsArray)
        {
            return $"{frame.Path}[{frame.Index}]";
        }

        return frame.Path.Length == 0 ? frame.Name ?? "" : $"{frame.Path}.{frame.Name}";
    }

    private static void NextItem(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            var frame = frames[^1];
            frame.Index++;
            frames[^1] = frame;
        }
    }

    private struct Frame(string path, bool isArray)
    {
        public readonly string Path = path;
        public readonly bool IsArray = isArray;
        public int Index;
        public string? Name;
    }
}
