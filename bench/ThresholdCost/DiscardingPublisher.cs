using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Bench.ThresholdCost;

/// <summary>Accepts every alert and sends nothing: the measurement is of counting, not of SNS.</summary>
internal sealed class DiscardingPublisher : IAlertPublisher
{
    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken) => ValueTask.FromResult("discarded");
}
