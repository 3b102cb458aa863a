using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.ReplayFastPath;

namespace GuardAlerts.Core.Tests.Support;

/// <summary>Keeps the pipeline's decision on every record the fast path hands over.</summary>
internal sealed class CapturingSink(AlertPipeline pipeline) : IUnmatchedRecordSink
{
    public List<Decision> Decisions { get; } = [];

    public bool NeedsDrain => false;

    public void Accept(in UnmatchedRecord record) => Decisions.Add(pipeline.DecideUnmatched(record));

    public ValueTask DrainAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
