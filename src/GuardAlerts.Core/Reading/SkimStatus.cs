namespace GuardAlerts.Core.Reading;

/// <summary>What an <see cref="IRecordSkipper"/> did with the value at the start of a buffer.</summary>
public enum SkimStatus
{
    /// <summary>The value continues past the buffer: call again with more bytes.</summary>
    NeedMore,
    /// <summary>Not for the fast path (a rule may match, or anything unusual): parse it fully.</summary>
    FullParse,
    /// <summary>Taken (the replay's fast path decided it); the value's bytes are consumed.</summary>
    Skipped,
}
