using GuardAlerts.Functions.Configuration;
using GuardAlerts.Functions.Handlers;
using GuardAlerts.Functions.Observability;

namespace GuardAlerts.Functions.Runtime;

/// <summary>
/// The invocation loop: next, handle within the deadline, respond or report the error, forever. An event's failure
/// never ends the loop; a Runtime API failure does (Lambda then restarts the environment).
/// </summary>
internal sealed class RuntimeLoop(IRuntimeApiClient runtime, IInvocationHandler handler, DecisionLog log, TimeProvider clock)
{
    // Leaves time to report the outcome before Lambda's own timeout stops the process.
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(500);

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var invocation = await runtime.NextAsync(stopping).ConfigureAwait(false);
            Environment.SetEnvironmentVariable(FunctionEnvironment.TraceId, invocation.TraceId);
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            if (invocation.Deadline is { } deadline)
            {
                var remaining = deadline - clock.GetUtcNow() - DeadlineMargin;
                budget.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            }

            LambdaError? error = null;
            byte[]? response = null;
            try
            {
                response = await handler.RespondAsync(invocation, budget.Token).ConfigureAwait(false);
            }
            catch (HandlerException ex)
            {
                error = new LambdaError(ex.ErrorType, ex.Message);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                error = new LambdaError("GuardAlerts.DeadlineExceeded", "the invocation's deadline passed before the event was processed; Lambda will retry it");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Ledger or SNS unavailable after retries: an error, so Lambda retries and the dead-letter queue keeps it.
                error = new LambdaError("GuardAlerts.ProcessingFailed", $"{ex.GetType().Name}: {ex.Message}");
            }

            if (error is not null)
            {
                log.Message("error", $"invocation {invocation.RequestId} failed: {error.ErrorType}: {error.ErrorMessage}");
                await runtime.ErrorAsync(invocation.RequestId, error, stopping).ConfigureAwait(false);
            }
            else
            {
                await runtime.RespondAsync(invocation.RequestId, response!, stopping).ConfigureAwait(false);
            }
        }
    }
}
