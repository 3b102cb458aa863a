namespace GuardAlerts.Core.Reading;

/// <summary>
/// Something that may take a record off the reader's hands before it is parsed (the replay's fast path): the reader
/// offers each object of a log file's Records array or of JSON Lines and moves on when it was taken. The reader knows
/// nothing of what comes after it; whoever takes records decides them.
/// </summary>
public interface IRecordSkipper
{
    /// <summary>
    /// Looks at the JSON object starting at <paramref name="data"/>[0]. <paramref name="isFinal"/>: no more bytes will
    /// follow. On <see cref="SkimStatus.Skipped"/>, <paramref name="consumed"/> is the object's length.
    /// </summary>
    SkimStatus TrySkip(ReadOnlySpan<byte> data, bool isFinal, out int consumed);

    /// <summary>Whether the reader should call <see cref="DrainAsync"/> before offering more records (bounded memory).</summary>
    bool NeedsDrain { get; }

    /// <summary>Passes on what was taken so far (waiting if the consumer is behind).</summary>
    ValueTask DrainAsync(CancellationToken cancellationToken);
}
