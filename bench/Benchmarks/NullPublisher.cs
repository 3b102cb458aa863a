using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Benchmarks;

/// <summary>Publishes nowhere, but reads the message body as a real publisher must, so `Full` pays for all of the rendering.</summary>
internal sealed class NullPublisher : IAlertPublisher
{
    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken) =>
        ValueTask.FromResult(alert.MessageJson.Length > 0 ? "m" : "");
}
