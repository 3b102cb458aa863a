using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Testing;

/// <summary>SNS down for good: every publish throws, as the real publisher does after its retries.</summary>
public sealed class FailingPublisher : IAlertPublisher
{
    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken) =>
        throw new HttpRequestException("SNS is down");
}
