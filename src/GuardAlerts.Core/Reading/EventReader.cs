using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Reading;

/// <summary>
/// Streams events out of any shape a user has: one EventBridge event, an array of them, a CloudTrail log file
/// ({"Records":[...]}, plain or gzip), bare records or findings, or JSON Lines (any mix of top-level values).
/// Memory is bounded by the largest single value, never by the input's size, and readers sharing a
/// <see cref="ValueBudget"/> are bounded together. Bad bytes become error items with their position, and reading
/// resumes at the next value (in an array, its next event; for JSON Lines, the next line).
/// </summary>
public static class EventReader
{
    /// <summary>Values above this size are skipped with an error: real events are under 300 KB.</summary>
    public const int MaxValueBytes = 64 * 1024 * 1024;

    /// <summary>A reader's buffer grows past this size (to hold one large value) only with bytes of its <see cref="ValueBudget"/>.</summary>
    public const int NormalBufferBytes = 1024 * 1024;

    private const int ChunkSize = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
        // Two values for one key are read differently by different parsers (EventBridge's matcher, ours): reject them.
        AllowDuplicateProperties = false,
    };

    /// <summary>Opens a file, decompressing gzip (by content, whatever the extension).</summary>
    public static Stream OpenFile(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, FileOptions.SequentialScan);
        return MaybeDecompress(file);
    }

    /// <summary>Wraps a seekable stream in a gzip decompressor when it starts with the gzip magic bytes.</summary>
    public static Stream MaybeDecompress(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return stream;
        }

        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Seek(-read, SeekOrigin.Current);
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    /// <summary>Reads every value of the stream in order.</summary>
    public static IAsyncEnumerable<InputItem> ReadAsync(Stream input, string source, CancellationToken cancellationToken = default) =>
        ReadAsync(input, source, filter: null, budget: null, cancellationToken);

    /// <summary>
    /// Reads every value of the stream in order; records the <paramref name="filter"/> takes go to its sink (in order,
    /// between the items yielded around them) instead of being yielded. Items name <paramref name="source"/> as
    /// <see cref="Text.DisplayText.Name"/> shows it. With a <paramref name="budget"/> ticket, values (and the buffer
    /// grown to hold one) are counted in the run's <see cref="ValueBudget"/>: each item's <see cref="InputItem.Lease"/>
    /// must be disposed once it is decided, and reading waits while the budget is used up.
    /// </summary>
    public static async IAsyncEnumerable<InputItem> ReadAsync(Stream input, string source, IRecordSkipper? filter, ValueBudgetTicket? budget = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The source is printed with every error (file:line): a file name's line breaks or escape sequences must not reach a terminal.
        var state = new ReaderState(input, Text.DisplayText.Name(source), filter, budget);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var items = await state.NextAsync(cancellationToken).ConfigureAwait(false);
            if (items is null)
            {
                yield break;
            }

            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Parses one complete JSON value into items (a nested Records wrapper or array yields several).</summary>
    public static List<InputItem> ParseValue(ReadOnlyMemory<byte> bytes, string source, long line, long offset)
    {
        var items = new List<InputItem>(1);
        // JsonDocument checks UTF-8 only when a string is read; an invalid byte would surface later as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            items.Add(new InputItem(source, line, offset, null, "invalid UTF-8: the value contains bytes that are not UTF-8 text"));
            return items;
        }

        // Half a surrogate pair in a string (a caller's user agent, say) is valid JSON but not text: read it as U+FFFD
        // (the decision says so) instead of losing the whole event, or the whole file when it is in a property name.
        var repaired = LoneSurrogates.Repair(bytes.Span);
        if (repaired is { } r)
        {
            bytes = r.Bytes;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } l ? $" (line {line + l}, byte {ex.BytePositionInLine})" : "";
            // The parser's message quotes the offending input, raw line breaks and all; errors go to stderr and logs.
            items.Add(new InputItem(source, line, offset, null, $"invalid JSON{where}: {Text.TextSanitizer.ToSingleLine(FirstSentence(ex.Message), 300)}"));
            return items;
        }

        var paths = repaired?.Paths ?? [];
        if (root.ValueKind == JsonValueKind.Object && JsonRead.Arr(root, "Records") is { } records)
        {
            var i = 0;
            foreach (var record in records.EnumerateArray())
            {
                items.Add(new InputItem(source, line, offset, SafeParse(record, Within(paths, $"Records[{i++}]")), null));
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var element in root.EnumerateArray())
            {
                items.Add(new InputItem(source, line, offset, SafeParse(element, Within(paths, $"[{i++}]")), null));
            }
        }
        else
        {
            items.Add(new InputItem(source, line, offset, SafeParse(root, paths.Count == 0 ? FieldRepairs.None : new FieldRepairs(paths)), null));
        }

        return items;
    }

    /// <summary>The repairs inside one element of the value, as paths from that element.</summary>
    private static FieldRepairs Within(List<string> paths, string element)
    {
        if (paths.Count == 0)
        {
            return FieldRepairs.None;
        }

        var inside = paths.Where(p => p.Length > element.Length && p.StartsWith(element, StringComparison.Ordinal) && p[element.Length] == '.')
            .Select(p => p[(element.Length + 1)..]).ToList();
        return inside.Count == 0 ? FieldRepairs.None : new FieldRepairs(inside);
    }

    private static ParsedEvent SafeParse(JsonElement element, FieldRepairs repairs)
    {
        try
        {
            return EventParser.Parse(element, repairs);
        }
        catch (InvalidOperationException ex)
        {
            // A string escape that decodes to invalid UTF-16 (a lone surrogate such as "\uD800").
            return ParsedEvent.Rejected($"invalid text in a JSON string: {Text.TextSanitizer.ToSingleLine(ex.Message, 300)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
