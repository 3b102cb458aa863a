using System.Collections.Concurrent;
using System.Threading.Channels;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.ReplayFastPath;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// Reads the inputs and decides every event through the pipeline, output in input order. Up to
/// <paramref name="parallelism"/> files are read at once; each reader skips the records no rule can match (the fast
/// path renders their lines itself) and passes everything else, in order, to this single writer, which decides it
/// through the pipeline (whose dedup ledger depends on order) and writes every line in file order. Memory does not
/// grow with the input: at most <paramref name="parallelism"/> + 1 files are open (read, or read and not yet written),
/// each holds at most <see cref="SegmentsAheadFor"/> segments of 64 KB, and the values they read for the full pipeline
/// share one <see cref="ValueBudget"/> until decided.
/// </summary>
internal sealed class ReplayRunner(AlertPipeline pipeline, IReplayOutput output, TextWriter stderr, ProgressTicker? progress = null,
    int parallelism = 1, bool fastPath = true, ChunkPool? chunks = null, ValueBudget? budget = null)
{
    // Values in flight (read for the full pipeline, not yet decided) across all readers: one budget for the process.
    private readonly ValueBudget _budget = budget ?? new ValueBudget();

    // 4 MB of rendered lines per open file: a whole 8 MB CloudTrail log file's output (~2.8 MB) fits, so the next
    // file's reader is not held back while the writer finishes the current one (bench/README.md).
    private const int SegmentsAhead = 64;

    // One reader shares its core with the writer: reading further ahead only holds more memory (-8 MB peak RSS).
    private const int SegmentsAheadOnOneCore = 4;

    private readonly int _segmentsAhead = SegmentsAheadFor(parallelism);

    private readonly int _openFiles = OpenFiles(parallelism);

    // Renderers cache what repeats (names, accounts, actors): handed from file to file so the caches stay warm.
    private readonly ConcurrentBag<IUnmatchedRenderer> _renderers = [];
    private readonly ChunkPool _chunks = chunks ?? new ChunkPool((SegmentsAheadFor(parallelism) + 2) * OpenFiles(parallelism));

    // A value this large leaves its parsed copy, its decoded text and the buffers it was read into (several times its
    // size) as large-object garbage, which the GC keeps until its large-object budget fills: with several readers
    // that is gigabytes of resident memory for a few such values (bench/README.md). Collected as soon as it is freed.
    private const long CollectAfterBytes = 16L * 1024 * 1024;

    /// <summary>Segments a file's reader may run ahead of the writer.</summary>
    internal static int SegmentsAheadFor(int parallelism) => parallelism <= 1 ? SegmentsAheadOnOneCore : SegmentsAhead;

    /// <summary>Files open at once: read, or read and not yet written.</summary>
    internal static int OpenFiles(int parallelism) => Math.Max(1, parallelism) + 1;

    public async Task<ReplaySummary> RunAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var summary = new ReplaySummary { Files = files.Count };
        var channels = new Channel<ReplaySegment>[files.Count];
        for (var i = 0; i < channels.Length; i++)
        {
            channels[i] = Channel.CreateBounded<ReplaySegment>(new BoundedChannelOptions(_segmentsAhead) { SingleReader = true, SingleWriter = true });
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var open = new SemaphoreSlim(_openFiles);
        var tickets = new ValueBudgetTicket?[files.Count];
        var readers = Task.Run(() => StartReadersAsync(files, channels, tickets, open, stop.Token), stop.Token);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await foreach (var segment in channels[i].Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await WriteAsync(segment, summary, cancellationToken).ConfigureAwait(false);
                }

                // This file is written: whatever it still holds goes back, and the next file's reader goes first.
                tickets[i]?.Dispose();
                open.Release();
            }
        }
        finally
        {
            // On an error or cancellation here, stop the readers (they may be waiting on full channels or the budget).
            foreach (var ticket in tickets)
            {
                ticket?.Dispose();
            }

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

    private async Task StartReadersAsync(IReadOnlyList<string> files, Channel<ReplaySegment>[] channels, ValueBudgetTicket?[] tickets, SemaphoreSlim open, CancellationToken ct)
    {
        // Readers start in file order and the writer drains in file order, releasing a file's place in `open` when it
        // is written: the file the writer waits on always has its place and its reader slot, so no deadlock however
        // the bounded channels fill, and a reader that finished early cannot start files without limit.
        using var slots = new SemaphoreSlim(Math.Max(1, parallelism));
        var running = new List<Task>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            await open.WaitAsync(ct).ConfigureAwait(false);
            await slots.WaitAsync(ct).ConfigureAwait(false);
            // Tickets are taken in file order, the order the writer drains: the file it waits on holds the oldest.
            var (file, channel, ticket) = (files[i], channels[i].Writer, tickets[i] = _budget.Join());
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await ReadFileAsync(file, channel, ticket, ct).ConfigureAwait(false);
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

    private async Task ReadFileAsync(string file, ChannelWriter<ReplaySegment> channel, ValueBudgetTicket ticket, CancellationToken ct)
    {
        Stream stream;
        try
        {
            stream = EventReader.OpenFile(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await channel.WriteAsync(ReplaySegment.Of(Error(file, $"cannot read: {ex.Message}"), cannotOpen: true), ct).ConfigureAwait(false);
            return;
        }

        var renderer = fastPath ? (_renderers.TryTake(out var idle) ? idle : output.CreateRenderer(pipeline)) : null;
        var sink = renderer is null ? null : new SegmentSink(renderer, channel, _chunks);
        var filter = sink is null ? null : new UnmatchedRecordFilter(pipeline.Policy.RiskTable, sink);
        await using (stream.ConfigureAwait(false))
        {
            var items = EventReader.ReadAsync(stream, file, filter, ticket, ct).GetAsyncEnumerator(ct);
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
                        await AddAsync(sink, channel, Error(file, $"cannot read the rest of the file: {ex.Message}"), ct).ConfigureAwait(false);
                        break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    // After the lines of the records skipped before it.
                    await AddAsync(sink, channel, items.Current, ct).ConfigureAwait(false);
                }
            }
        }

        if (sink is not null)
        {
            await sink.DrainAsync(ct).ConfigureAwait(false);
            sink.Release();
            _renderers.Add(renderer!);
        }
    }

    private static void CollectLargeGarbage() =>
        // Aggressive: also give the freed memory back to the system, which the GC would otherwise keep for reuse.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private static ValueTask AddAsync(SegmentSink? sink, ChannelWriter<ReplaySegment> channel, InputItem item, CancellationToken ct) =>
        sink is null ? channel.WriteAsync(ReplaySegment.Of(item), ct) : sink.AddAsync(item, ct);

    // The file name and an exception's message (which quotes the path) are printed: shown as DisplayText does.
    private static InputItem Error(string file, string message) => new(DisplayText.Name(file), 0, 0, null, DisplayText.Name(message));

    private async Task WriteAsync(ReplaySegment segment, ReplaySummary summary, CancellationToken cancellationToken)
    {
        var written = 0;
        for (var k = 0; k < segment.Items.Count; k++)
        {
            var (offset, item) = segment.Items[k];
            if (offset > written)
            {
                output.WriteRendered(segment.Rendered.AsSpan(written, offset - written));
                written = offset;
            }

            await DecideAsync(item, segment.CannotOpen, summary, cancellationToken).ConfigureAwait(false);
            // Decided: its value's bytes go back to the budget, and nothing here keeps the value alive any more.
            var large = item.Lease is { Bytes: >= CollectAfterBytes };
            item.Lease?.Dispose();
            segment.Items[k] = default;
            if (large)
            {
                CollectLargeGarbage();
            }
        }

        if (segment.Rendered is { } rendered)
        {
            output.WriteRendered(rendered.AsSpan(written, segment.Length - written));
            _chunks.Return(rendered);
            summary.AddIgnored(segment.Events);
            progress?.Tick(summary);
        }
    }

    private async Task DecideAsync(InputItem current, bool cannotOpen, ReplaySummary summary, CancellationToken cancellationToken)
    {
        if (current.Parsed is not { } parsed)
        {
            await stderr.WriteLineAsync(cannotOpen ? $"{current.Source}: {current.Error}" : $"{current.Position}: {current.Error}").ConfigureAwait(false);
            output.Unreadable(current);
            summary.AddUnreadable();
            return;
        }

        if (parsed.Kind is { } kind && Core.Kinds.EventKinds.Of(kind).IsHeartbeat)
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
