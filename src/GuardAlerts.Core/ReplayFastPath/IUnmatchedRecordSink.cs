namespace GuardAlerts.Core.ReplayFastPath;

/// <summary>Receives, in input order, the records <see cref="UnmatchedRecordFilter"/> decided without the full event model.</summary>
public interface IUnmatchedRecordSink
{
    /// <summary>Whether the reader should call <see cref="DrainAsync"/> before taking more records (bounded memory).</summary>
    bool NeedsDrain { get; }

    /// <summary>One record no risk-table rule can match. The record's spans are only valid during the call.</summary>
    void Accept(in UnmatchedRecord record);

    /// <summary>Passes on what was accepted so far (waiting if the consumer is behind).</summary>
    ValueTask DrainAsync(CancellationToken cancellationToken);
}
