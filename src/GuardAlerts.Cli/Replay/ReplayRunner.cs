using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>Reads the inputs in order and decides every event through the pipeline.</summary>
internal sealed class ReplayRunner(AlertPipeline pipeline, IReplayOutput output, TextWriter stderr, ProgressTicker? progress = null)
{
    public async Task<ReplaySummary> RunAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var summary = new ReplaySummary { Files = files.Count };
        foreach (var file in files)
        {
            Stream stream;
            try
            {
                stream = EventReader.OpenFile(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{file}: cannot read: {ex.Message}").ConfigureAwait(false);
                var item = new InputItem(file, 0, 0, null, $"cannot read: {ex.Message}");
                output.Unreadable(item);
                summary.AddUnreadable();
                continue;
            }

            await using (stream.ConfigureAwait(false))
            {
                await ReadFileAsync(stream, file, summary, cancellationToken).ConfigureAwait(false);
            }
        }

        progress?.Done();
        output.Finish(summary);
        return summary;
    }

    private async Task ReadFileAsync(Stream stream, string file, ReplaySummary summary, CancellationToken cancellationToken)
    {
        var items = EventReader.ReadAsync(stream, file, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException)
                {
                    // A corrupt gzip stream or a read error: what was read so far stands, the rest of this file is lost.
                    var item = new InputItem(file, 0, 0, null, $"cannot read the rest of the file: {ex.Message}");
                    await stderr.WriteLineAsync($"{item.Position}: {item.Error}").ConfigureAwait(false);
                    output.Unreadable(item);
                    summary.AddUnreadable();
                    return;
                }

                var current = items.Current;
                if (current.Parsed is not { } parsed)
                {
                    await stderr.WriteLineAsync($"{current.Position}: {current.Error}").ConfigureAwait(false);
                    output.Unreadable(current);
                    summary.AddUnreadable();
                    continue;
                }

                if (parsed.Kind == Core.Events.EventKind.Canary)
                {
                    // The JSON Lines contract knows guardduty and cloudtrail events; the heartbeat belongs to the deployed functions.
                    var skipped = current with { Parsed = null, Error = "a GuardAlerts heartbeat canary: only the deployed functions process it" };
                    await stderr.WriteLineAsync($"{skipped.Position}: {skipped.Error}").ConfigureAwait(false);
                    output.Unreadable(skipped);
                    summary.AddUnreadable();
                    continue;
                }

                Decision decision;
                try
                {
                    decision = await pipeline.ProcessAsync(parsed, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The ledger or SNS failed after retries; the claim was released, so a re-run publishes the alert.
                    var failed = current with { Parsed = null, Error = $"not processed ({ex.GetType().Name}: {ex.Message}); re-run the replay to send it" };
                    await stderr.WriteLineAsync($"{failed.Position}: {failed.Error}").ConfigureAwait(false);
                    output.Unreadable(failed);
                    summary.AddFailed();
                    continue;
                }

                if (decision.Outcome == Outcome.Rejected)
                {
                    await stderr.WriteLineAsync($"{current.Position}: rejected: {decision.Reason}").ConfigureAwait(false);
                }

                output.Decided(current, decision);
                summary.Add(decision);
                progress?.Tick(summary);
            }
        }
    }
}
