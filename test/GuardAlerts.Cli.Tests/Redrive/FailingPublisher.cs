using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Cli.Tests.Redrive;

/// <summary>SNS down: every publish throws, as the real publisher does after its retries.</summary>
internal sealed class FailingPublisher : IAlertPublisher
{
    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken) =>
        throw new HttpRequestException("SNS is down");
}
