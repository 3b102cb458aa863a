using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Cli.Redrive;

/// <summary>
/// Reads the dead-letter queue, shows why each message failed, re-processes its event through the pipeline (the
/// ledger's dedup keeps an alert that did go out from going out again) and deletes only the messages that succeeded
/// as the function would have: a decision that is not "rejected" and not a duplicate of an unconfirmed claim. A
/// decision that sends nothing ("ignored", "exempted") deletes the message only when it was made with the policy the
/// user gave (<paramref name="policyGiven"/>: --config): the policy built into the CLI may not be the deployed one, and
/// an event the deployed policy alerts on must never be deleted because another policy would ignore it. The others
/// are made visible again at the end, so the next redrive (and the queue's alarm) still sees them.
/// With no pipeline (a dry run) it only shows.
/// </summary>
internal sealed class RedriveRunner(IDeadLetterQueue queue, AlertPipeline? pipeline, TextWriter output, bool policyGiven = false)
{
    public async Task<(RedriveSummary Summary, List<RedriveResult> Results)> RunAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var results = new List<RedriveResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (results.Count < maxMessages)
        {
            var batch = await queue.ReceiveAsync(maxMessages - results.Count, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                // SQS delivers at least once: a second receipt of a message in this run is left alone.
                if (!seen.Add(message.MessageId) || results.Count >= maxMessages)
                {
                    continue;
                }

                var result = await RedriveAsync(message, cancellationToken).ConfigureAwait(false);
                await ShowAsync(result).ConfigureAwait(false);
                results.Add(result);
            }
        }

        foreach (var kept in results.Where(r => !r.Deleted))
        {
            try
            {
                await queue.ReleaseAsync(kept.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // It becomes visible again when its visibility timeout ends anyway.
                await output.WriteLineAsync($"message {kept.Message.MessageId}: could not make it visible again ({ex.GetType().Name}); it will be after the visibility timeout").ConfigureAwait(false);
            }
        }

        var redriven = results.Count(r => r.Deleted);
        var summary = new RedriveSummary(results.Count, redriven, pipeline is null ? 0 : results.Count - redriven, pipeline is null);
        await output.WriteLineAsync(summary.ToString()).ConfigureAwait(false);
        return (summary, results);
    }

    private async Task<RedriveResult> RedriveAsync(DeadLetterMessage message, CancellationToken cancellationToken)
    {
        var record = DeadLetterParser.Parse(message);
        if (pipeline is null)
        {
            return new RedriveResult(message, record, null, null, Deleted: false);
        }

        if (record.Event is null)
        {
            return new RedriveResult(message, record, null, "the message carries no event", Deleted: false);
        }

        if (!record.ForAFunction)
        {
            return new RedriveResult(message, record, null,
                $"not an event for the functions: EventBridge could not deliver this message to {Clean(record.TargetArn)} (a self-protection notice: "
                + "someone changed the alerting pipeline). Read the event above, act on it, then delete it from the queue by hand", Deleted: false);
        }

        var items = EventReader.ParseValue(record.Event, "message " + message.MessageId, 1, 0);
        if (items is not [{ Parsed: { } parsed }])
        {
            var reason = items.Count == 1 ? items[0].Error! : $"expected one event, got {items.Count}";
            return new RedriveResult(message, record, null, "unreadable event: " + reason, Deleted: false);
        }

        Decision decision;
        try
        {
            decision = await pipeline.ProcessAsync(parsed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim was released (or its lease expires): a later redrive sends the alert.
            return new RedriveResult(message, record, null, $"not processed ({ex.GetType().Name}: {ex.Message})", Deleted: false);
        }

        // Deleted only when the function would have accepted the decision (it would have failed the rest, so they stay).
        var problem = decision switch
        {
            _ when FunctionAcceptance.Refusal(decision) is { } refusal => $"the function would not accept it ({refusal.ErrorType}): {refusal.Message}",
            { Outcome: Outcome.Ignored or Outcome.Exempted } when !policyGiven =>
                $"{decision.Outcome.Name()} by the policy built into guard-alerts, which may not be the deployed one: "
                + "redrive with --config <the config directory the stack was deployed with> to let this decision delete it",
            _ => null,
        };
        if (problem is not null)
        {
            return new RedriveResult(message, record, decision, problem, Deleted: false);
        }

        try
        {
            await queue.DeleteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Processed, so a second redrive finds the alert a duplicate: nothing is sent twice.
            return new RedriveResult(message, record, decision, $"processed, but deleting the message failed ({ex.GetType().Name}: {ex.Message}); a second redrive finds it a duplicate", Deleted: false);
        }

        return new RedriveResult(message, record, decision, null, Deleted: true);
    }

    private async Task ShowAsync(RedriveResult r)
    {
        await output.WriteLineAsync($"message {Clean(r.Message.MessageId)} [{SourceName(r.Record.Source)}] failed: {r.Record.Why}").ConfigureAwait(false);
        if (r.Decision is { } d)
        {
            // The decision's wire fields, every character outside printable ASCII escaped (a terminal shows them as text).
            await output.WriteLineAsync("  redriven: " + DecisionWire.ToJson(d)).ConfigureAwait(false);
        }

        if (pipeline is not null)
        {
            await output.WriteLineAsync(r.Deleted ? "  deleted from the queue" : "  kept in the queue: " + Clean(r.Problem)).ConfigureAwait(false);
        }
    }

    private static string SourceName(DeadLetterSource source) => source switch
    {
        DeadLetterSource.LambdaDestination => "lambda on-failure destination",
        DeadLetterSource.EventBridge => "eventbridge target dlq",
        DeadLetterSource.LambdaDeadLetterQueue => "lambda dlq",
        _ => "unknown",
    };

    private static string Clean(string? text) => TextSanitizer.ToSingleLine(text ?? "-", 600);
}
