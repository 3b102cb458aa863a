using GuardAlerts.Core.ReplayFastPath;

namespace GuardAlerts.Benchmarks;

/// <summary>Counts skipped records.</summary>
internal sealed class NullSink : IUnmatchedRecordSink
{
    public long Count { get; private set; }
    public bool NeedsDrain => false;
    public void Accept(in UnmatchedRecord record) => Count++;
    public ValueTask DrainAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
