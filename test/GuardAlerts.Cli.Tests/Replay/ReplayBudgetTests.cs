using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GuardAlerts.Cli.Replay;
using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Testing;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>
/// A replay's memory for values is bounded for the process, not per reader: eight readers of files that each hold
/// large records may together hold at most the run's budget plus the one value of the file being written (its buffer
/// and its parsed copy). Proven by the bytes the budget counts, with the writer stalled so the readers run ahead as
/// far as they are let.
/// </summary>
public class ReplayBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 18, 0, 0, 0, TimeSpan.Zero);

    private const int Files = 8;
    private const int ValueBytes = 3 * 1024 * 1024;

    private static string Record(int file, int i) =>
        $$"""{"eventVersion":"1.08","eventTime":"2026-10-01T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","requestParameters":{"name":"trail-{{file}}-{{i}}"},"userAgent":"{{new string('a', ValueBytes)}}","eventID":"e{{file}}-{{i}}","recipientAccountId":"111122223333"}""";

    private static List<string> Corpus()
    {
        var dir = CliProcess.TempDir();
        var files = new List<string>();
        for (var f = 0; f < Files; f++)
        {
            var path = Path.Combine(dir, $"big-{f}.json.gz");
            using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            {
                gzip.Write(Encoding.UTF8.GetBytes("{\"Records\":[" + Record(f, 0) + "," + Record(f, 1) + "]}"));
            }

            files.Add(path);
        }

        return files;
    }

    [Fact]
    public async Task RunAsync_WhenEightReadersEachReadLargeRecords_ShouldHoldAtMostTheBudgetPlusOneValue()
    {
        var files = Corpus();
        var budget = new ValueBudget(4 * 1024 * 1024);
        var pipeline = new AlertPipeline(PolicyLoader.LoadEmbedded(Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FixedTimeProvider(Now));
        using var stdout = new MemoryStream();
        using var gate = new ManualResetEventSlim();
        var output = new GatedOutput(new JsonLinesOutput(stdout), gate, gateDecisions: true);
        var run = Task.Run(() => new ReplayRunner(pipeline, output, TextWriter.Null, null, parallelism: Files, fastPath: true, budget: budget).RunAsync(files, CancellationToken.None));

        // The writer is stuck on its first decision: let the readers take what they can, until nothing changes.
        var stalledPeak = await GatedOutput.SettledAsync(() => budget.PeakHeld);
        gate.Set();
        var summary = await run;

        // One value of the file being written may go over the budget: the buffer it was read into (4 MB, 3 MB past the
        // normal 1 MB) and its parsed copy (3 MB). Without the budget: eight of each, ~48 MB and more.
        var bound = budget.Capacity + (4L * 1024 * 1024) + ValueBytes + 4096;
        Assert.True(stalledPeak <= bound, $"{stalledPeak} bytes held while the writer stalled; bound {bound}");
        Assert.True(budget.PeakHeld <= bound, $"{budget.PeakHeld} bytes held at most; bound {bound}");
        Assert.True(stalledPeak >= ValueBytes, $"{stalledPeak}: the readers never read a value");
        Assert.Equal(0, budget.Held);
        Assert.Equal(2 * Files, summary.Events);
        var ids = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, Files).SelectMany(f => new[] { $"e{f}-0", $"e{f}-1" }), ids);
    }
}
