using System.Text.Json;

namespace GuardAlerts.Core.Reading;

/// <summary>
/// Where reading can resume after a broken value, so that one truncated record does not swallow every record after
/// it. The broken value starts at index 0 of the span searched. A JSON Lines (or concatenated) value resumes at a
/// later line; an element of an array (a log file's Records) at the next object that is an event of its own. Each
/// search reports how many event-like values it passed over, the broken one included.
/// </summary>
internal static class ResyncSearch
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    // Top-level property names of an event (a CloudTrail record, an EventBridge event, a GuardDuty finding) that the
    // objects nested inside one do not have: an element with one of them is where reading resumes.
    private static readonly byte[][] EventKeys = Utf8("eventVersion", "eventName", "eventSource", "eventTime", "eventID", "detail-type", "schemaVersion");

    // The names an event's text starts with, for counting what a broken value swallowed (EventBridge starts with "version").
    private static readonly byte[][] StartKeys = [.. EventKeys, .. Utf8("version")];

    /// <summary>A place to resume: <see cref="Cut"/> bytes after the broken value's start, having skipped <see cref="Skipped"/> values.</summary>
    public readonly record struct Found(int Cut, int Skipped);

    /// <summary>
    /// The start of the first later line that begins (after spaces or tabs) with '{' or '[' and either is indented no
    /// deeper than the broken value (<paramref name="indent"/>, -1 when unknown: JSON Lines values start in column 0,
    /// pretty-printed nested ones deeper) or holds one complete JSON value by itself (a JSON Lines line, however
    /// indented). Null when there is none within <paramref name="budget"/> bytes of work; <paramref name="work"/> counts it.
    /// </summary>
    public static Found? NextLine(ReadOnlySpan<byte> span, int indent, bool final, long budget, ref long work)
    {
        var skipped = 1;
        for (var newline = span.IndexOf((byte)'\n'); newline >= 0 && work < budget; newline = Next(span, newline))
        {
            work += 1;
            var lineStart = newline + 1;
            var first = SkipBlanks(span, lineStart);
            if (first >= span.Length || span[first] is not ((byte)'{' or (byte)'['))
            {
                continue;
            }

            if ((indent >= 0 && first - lineStart <= indent) || CompleteOnItsLine(span[first..], final, ref work))
            {
                return new Found(lineStart, skipped);
            }

            skipped += LooksLikeEventStart(span[first..]) ? 1 : 0;
        }

        return null;
    }

    /// <summary>
    /// The first object after index 0 (and starting before <paramref name="searchEnd"/>) that starts an array element
    /// (after ',' or '[' or at the start of a line), is complete and valid JSON, is followed by ',' or ']' and has an
    /// event's property names at its top level. Null when there is none within <paramref name="budget"/> bytes of work.
    /// </summary>
    public static Found? NextElement(ReadOnlySpan<byte> span, int searchEnd, bool final, long budget, ref long work)
    {
        var skipped = 1;
        for (var p = span[1..searchEnd].IndexOf((byte)'{') + 1; p > 0 && work < budget; p = NextBrace(span, p, searchEnd))
        {
            work += 1;
            if (!StartsElement(span, p))
            {
                continue;
            }

            if (IsEventElement(span[p..], final, ref work))
            {
                return new Found(p, skipped);
            }

            skipped += LooksLikeEventStart(span[p..]) ? 1 : 0;
        }

        return null;
    }

    /// <summary>How many event-like values start in a value that swallowed the rest of the input (the broken one included).</summary>
    public static int EventStarts(ReadOnlySpan<byte> span)
    {
        var count = 1;
        for (var p = span.Length > 1 ? span[1..].IndexOf((byte)'{') + 1 : 0; p > 0; p = NextBrace(span, p, span.Length))
        {
            count += StartsElement(span, p) && LooksLikeEventStart(span[p..]) ? 1 : 0;
        }

        return count;
    }

    private static byte[][] Utf8(params string[] names) => [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static int Next(ReadOnlySpan<byte> span, int newline) =>
        span[(newline + 1)..].IndexOf((byte)'\n') is var next and >= 0 ? newline + 1 + next : -1;

    private static int NextBrace(ReadOnlySpan<byte> span, int p, int end) =>
        p + 1 < end && span[(p + 1)..end].IndexOf((byte)'{') is var next and >= 0 ? p + 1 + next : -1;

    private static int SkipBlanks(ReadOnlySpan<byte> span, int i)
    {
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>Whether the '{' at <paramref name="p"/> follows ',' or '[' (whitespace aside) or starts a line.</summary>
    private static bool StartsElement(ReadOnlySpan<byte> span, int p)
    {
        var i = p - 1;
        while (i >= 0 && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            i--;
        }

        return i < 0 || span[i] is (byte)',' or (byte)'[' or (byte)'\n';
    }

    private static bool LooksLikeEventStart(ReadOnlySpan<byte> value)
    {
        var i = 1;
        while (i < value.Length && value[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i >= value.Length || value[i] != (byte)'"')
        {
            return false;
        }

        var name = value[(i + 1)..];
        var close = name.IndexOf((byte)'"');
        if (close < 0)
        {
            return false;
        }

        foreach (var key in StartKeys)
        {
            if (name[..close].SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a complete, valid JSON value starts here and ends on this line, with only blanks after it.</summary>
    private static bool CompleteOnItsLine(ReadOnlySpan<byte> value, bool final, ref long work)
    {
        var newline = value.IndexOf((byte)'\n');
        if (newline < 0 && !final)
        {
            return false;
        }

        var line = newline < 0 ? value : value[..newline];
        var scanner = default(ValueScanner);
        scanner.Reset();
        var end = scanner.Scan(line);
        work += end < 0 ? line.Length : end;
        return end > 0 && SkipBlanks(line, end) == line.Length && IsValid(line[..end], requireEventShape: false);
    }

    /// <summary>Whether a complete, valid JSON object with an event's top-level names starts here, followed by ',' or ']'.</summary>
    private static bool IsEventElement(ReadOnlySpan<byte> value, bool final, ref long work)
    {
        var scanner = default(ValueScanner);
        scanner.Reset();
        var end = scanner.Scan(value);
        work += end < 0 ? value.Length : end;
        if (end < 0)
        {
            return false;
        }

        var after = end;
        while (after < value.Length && value[after] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            after++;
        }

        var separated = after < value.Length ? value[after] is (byte)',' or (byte)']' : final;
        return separated && IsValid(value[..end], requireEventShape: true);
    }

    private static bool IsValid(ReadOnlySpan<byte> json, bool requireEventShape)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(Options));
        var shaped = !requireEventShape;
        try
        {
            while (reader.Read())
            {
                if (!shaped && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    foreach (var key in EventKeys)
                    {
                        shaped |= reader.ValueTextEquals(key);
                    }
                }
            }

            return shaped;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
