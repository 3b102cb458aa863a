using GuardAlerts.Functions.Runtime;

namespace GuardAlerts.Functions.Handlers;

/// <summary>What the runtime loop serves: one invocation in, the response body out, or an exception (the invocation failed).</summary>
internal interface IInvocationHandler
{
    Task<byte[]> RespondAsync(Invocation invocation, CancellationToken cancellationToken);
}
