using System.Threading.Channels;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// Reads the inputs and decides every event through the pipeline, output in input order. Up to
/// <paramref name="parallelism"/> files are read at once; each reader skips the records no rule can match (the fast
/// path renders their lines itself) and passes everything else, in order, to this single writer, which decides it
/// through the pipeline (whose dedup ledger depends on order) and writes every line in file order. Each reader runs
/// at most <see cref="SegmentsAhead"/> segments (64 KB buffers or single records) ahead, so memory does not grow with
/// the input.
/// </summary>
internal sealed class ReplayRunner(AlertPipeline pipeline, IReplayOutput output, TextWriter stderr, ProgressTicker? progress = null,
    int parallelism = 1, bool fastPath = true)
{
    // 4 kept the second reader within 256 KB of the writer: two cores ran 1.07x one core. 128 (at most ~8 MB per
    // reader) measured 1.34x on 256 MB and 1.57x on 1 GB, with single-core peak RSS 79 MB (10 MB input) vs 96 MB (1 GB).
    private const int SegmentsAhead = 128;

    private readonly ChunkPool _chunks = new((SegmentsAhead + 2) * Math.Max(1, parallelism));

    public async Task<ReplaySummary> RunAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var summary = new ReplaySummary { Files = files.Count };
        var channels = new Channel<ReplaySegment>[files.Count];
        for (var i = 0; i < channels.Length; i++)
        {
            channels[i] = Channel.CreateBounded<ReplaySegment>(new BoundedChannelOptions(SegmentsAhead) { SingleReader = true, SingleWriter = true });
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = Task.Run(() => StartReadersAsync(files, channels, stop.Token), stop.Token);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await foreach (var segment in channels[i].Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await WriteAsync(segment, summary, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // On an error or cancellation here, stop the readers (they may be waiting on full channels).
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await readers.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Expected when the readers were stopped early.
            }
        }

        progress?.Done();
        output.Finish(summary);
        return summary;
    }

    private async Task StartReadersAsync(IReadOnlyList<string> files, Channel<ReplaySegment>[] channels, CancellationToken ct)
    {
        // Readers start in file order and the writer drains in file order, so the file the writer waits on always
        // holds a slot: no deadlock however the bounded channels fill.
        using var slots = new SemaphoreSlim(Math.Max(1, parallelism));
        var running = new List<Task>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            var (file, channel) = (files[i], channels[i].Writer);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await ReadFileAsync(file, channel, ct).ConfigureAwait(false);
                    channel.TryComplete();
                }
                catch (Exception ex)
                {
                    channel.TryComplete(ex);
                    throw;
                }
                finally
                {
                    slots.Release();
                }
            }, ct));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ReadFileAsync(string file, ChannelWriter<ReplaySegment> channel, CancellationToken ct)
    {
        Stream stream;
        try
        {
            stream = EventReader.OpenFile(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await channel.WriteAsync(Error(file, $"cannot read: {ex.Message}") with { CannotOpen = true }, ct).ConfigureAwait(false);
            return;
        }

        var sink = fastPath ? new SegmentSink(output.CreateRenderer(pipeline), channel, _chunks) : null;
        var filter = sink is null ? null : new UnmatchedRecordFilter(pipeline.Policy.RiskTable, sink);
        await using (stream.ConfigureAwait(false))
        {
            var items = EventReader.ReadAsync(stream, file, filter, ct).GetAsyncEnumerator(ct);
            await using (items.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or InvalidDataException)
                    {
                        // A corrupt gzip stream or a read error: what was read so far stands, the rest of this file is lost.
                        await FlushAsync(sink, ct).ConfigureAwait(false);
                        await channel.WriteAsync(Error(file, $"cannot read the rest of the file: {ex.Message}"), ct).ConfigureAwait(false);
                        break;
                    }

                    if (!more)
                    {
                        await FlushAsync(sink, ct).ConfigureAwait(false);
                        break;
                    }

                    // Lines of records skipped before this item go first.
                    await FlushAsync(sink, ct).ConfigureAwait(false);
                    await channel.WriteAsync(new ReplaySegment(null, 0, 0, items.Current), ct).ConfigureAwait(false);
                }
            }
        }

        sink?.Release();
    }

    private static async ValueTask FlushAsync(SegmentSink? sink, CancellationToken ct)
    {
        if (sink is not null)
        {
            await sink.DrainAsync(ct).ConfigureAwait(false);
        }
    }

    private static ReplaySegment Error(string file, string message) => new(null, 0, 0, new InputItem(file, 0, 0, null, message));

    private async Task WriteAsync(ReplaySegment segment, ReplaySummary summary, CancellationToken cancellationToken)
    {
        if (segment.Rendered is { } rendered)
        {
            output.WriteRendered(rendered.AsSpan(0, segment.Length));
            _chunks.Return(rendered);
            summary.AddIgnored(segment.Events);
            progress?.Tick(summary);
            return;
        }

        var current = segment.Item!;
        if (current.Parsed is not { } parsed)
        {
            await stderr.WriteLineAsync(segment.CannotOpen ? $"{current.Source}: {current.Error}" : $"{current.Position}: {current.Error}").ConfigureAwait(false);
            output.Unreadable(current);
            summary.AddUnreadable();
            return;
        }

        if (parsed.Kind == Core.Events.EventKind.Canary)
        {
            // The JSON Lines contract knows guardduty and cloudtrail events; the heartbeat belongs to the deployed functions.
            var skipped = current with { Parsed = null, Error = "a GuardAlerts heartbeat canary: only the deployed functions process it" };
            await stderr.WriteLineAsync($"{skipped.Position}: {skipped.Error}").ConfigureAwait(false);
            output.Unreadable(skipped);
            summary.AddUnreadable();
            return;
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
            return;
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
