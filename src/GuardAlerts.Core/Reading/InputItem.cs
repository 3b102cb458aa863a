using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Reading;

/// <summary>One value read from an input: the parsed event (or its rejection), or an error that stopped the reading of a value.</summary>
/// <param name="Source">The file (or stream name) it came from.</param>
/// <param name="Line">The 1-based line where the value starts.</param>
/// <param name="Offset">The byte offset where the value starts (in the decompressed stream).</param>
/// <param name="Parsed">The event or its rejection; null when the bytes were not JSON at all.</param>
/// <param name="Error">Why the bytes could not be read as JSON (null when <paramref name="Parsed"/> is set).</param>
public sealed record InputItem(string Source, long Line, long Offset, ParsedEvent? Parsed, string? Error)
{
    /// <summary>
    /// When read under a <see cref="ValueBudget"/>: the bytes the value holds in it (on the last item of a value that
    /// gave several). The consumer disposes it once the item is decided, letting readers go on.
    /// </summary>
    public ValueLease? Lease { get; init; }

    /// <summary>"file:line" for messages.</summary>
    public string Position => $"{Source}:{Line}";
}
