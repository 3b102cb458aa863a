using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Functions.Tests.Runtime;

/// <summary>SNS down for the first <paramref name="failures"/> publishes, as the real publisher reports after its retries.</summary>
internal sealed class ThrowingPublisher(int failures) : IAlertPublisher
{
    private int _left = failures;

    public List<RenderedAlert> Published { get; } = [];

    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        if (_left-- > 0)
        {
            throw new HttpRequestException("SNS is down");
        }

        Published.Add(alert);
        return ValueTask.FromResult($"message-{Published.Count}");
    }
}
