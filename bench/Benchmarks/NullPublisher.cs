using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Benchmarks;

/// <summary>Publishes nowhere.</summary>
internal sealed class NullPublisher : IAlertPublisher
{
    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken) => ValueTask.FromResult("m");
}
