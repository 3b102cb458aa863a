using System.Text;
using GuardAlerts.Functions.Runtime;

namespace GuardAlerts.Functions.Tests.Runtime;

/// <summary>
/// The Runtime API as a script: hands out the queued invocations in order, records what the loop reports, and fails
/// the next call once the script is over (as a Runtime API that went away would), which ends the loop.
/// </summary>
internal sealed class ScriptedRuntimeApi(params Invocation[] invocations) : IRuntimeApiClient
{
    private readonly Queue<Invocation> _pending = new(invocations);

    public List<(string RequestId, string Body)> Responses { get; } = [];

    public List<(string RequestId, LambdaError Error)> Errors { get; } = [];

    public Task<Invocation> NextAsync(CancellationToken cancellationToken) =>
        _pending.TryDequeue(out var next) ? Task.FromResult(next) : throw new ScriptOverException();

    public Task RespondAsync(string requestId, byte[] json, CancellationToken cancellationToken)
    {
        Responses.Add((requestId, Encoding.UTF8.GetString(json)));
        return Task.CompletedTask;
    }

    public Task ErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        Errors.Add((requestId, error));
        return Task.CompletedTask;
    }

    public Task InitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the loop never reports an init error: the composition root does");
}
