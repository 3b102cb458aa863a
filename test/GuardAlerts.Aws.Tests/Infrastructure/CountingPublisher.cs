using GuardAlerts.Testing;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Aws.Tests.Infrastructure;

/// <summary>A publisher that counts and never fails, for ledger flows that only need "SNS accepted it".</summary>
public sealed class CountingPublisher : IAlertPublisher
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken) =>
        ValueTask.FromResult("msg-" + Interlocked.Increment(ref _count));
}
