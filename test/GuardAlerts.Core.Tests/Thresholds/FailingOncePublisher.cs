using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Core.Tests.Thresholds;

/// <summary>Fails the first publish (SNS down), then delivers.</summary>
internal sealed class FailingOncePublisher : IAlertPublisher
{
    private int _calls;

    public int Delivered { get; private set; }

    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        if (++_calls == 1)
        {
            throw new HttpRequestException("SNS unavailable");
        }

        Delivered++;
        return ValueTask.FromResult("m" + Delivered);
    }
}
