using System.IO.Compression;
using System.Text;
using GuardAlerts.Cli.Replay;
using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Spectre.Console;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>
/// The fast path and parallel reading must not change a byte of the output: every corpus is replayed with the full
/// pipeline alone (one file at a time) and with the fast path on two readers, and the outputs compared.
/// </summary>
public class ReplayRunnerTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 18, 0, 0, 0, TimeSpan.Zero);

    private static async Task<(string Stdout, string Stderr, long Events, long Ignored, bool Errors)> RunAsync(IReadOnlyList<string> files, bool jsonl, bool fastPath, int parallelism)
    {
        var clock = new FixedTimeProvider(Now);
        var pipeline = new AlertPipeline(PolicyLoader.LoadEmbedded(Now), new InMemoryAlertLedger(), new RecordingPublisher(), clock);
        using var stdout = new MemoryStream();
        using var text = new StringWriter();
        using var table = new StringWriter();
        using var stderr = new StringWriter();
        IReplayOutput output = jsonl
            ? new JsonLinesOutput(stdout)
            : new TextOutput(text, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(table) }));
        var summary = await new ReplayRunner(pipeline, output, stderr, null, parallelism, fastPath).RunAsync(files, CancellationToken.None);
        var written = jsonl ? Encoding.UTF8.GetString(stdout.ToArray()) : text.ToString() + table;
        return (written, stderr.ToString(), summary.Events, summary.Outcomes[Outcome.Ignored], summary.HadInputErrors);
    }

    private static List<string> RandomCorpus()
    {
        var dir = CliProcess.TempDir();
        var files = new List<string>();
        for (var f = 0; f < 5; f++)
        {
            var records = RandomRecords.Generate(seed: 100 + f, count: 400).ToList();
            var path = Path.Combine(dir, $"log-{f}.json" + (f == 3 ? ".gz" : ""));
            var content = f == 4
                ? string.Join("\n", records) + "\n" // JSON Lines, broken lines included
                : "{\"Records\":[" + string.Join(",", records.Where(r => r.EndsWith('}'))) + "]}"; // a truncated record would swallow the rest
            var bytes = Encoding.UTF8.GetBytes(content);
            if (f == 3)
            {
                using var file = File.Create(path);
                using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                gzip.Write(bytes);
            }
            else
            {
                File.WriteAllBytes(path, bytes);
            }

            files.Add(path);
        }

        return files;
    }

    private static List<string> Samples() =>
        [.. Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "events"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public static TheoryData<bool> Formats() => new() { true, false };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task RunAsync_WhenRandomCorpusWithFastPathAndTwoReaders_ShouldWriteExactlyWhatTheFullPipelineWrites(bool jsonl)
    {
        var files = RandomCorpus();

        var full = await RunAsync(files, jsonl, fastPath: false, parallelism: 1);
        var fast = await RunAsync(files, jsonl, fastPath: true, parallelism: 2);

        Assert.True(full.Events > 1500, $"{full.Events} events");
        Assert.True(full.Ignored > 300, $"{full.Ignored} ignored: the corpus must exercise the fast path");
        Assert.Equal(full, fast);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task RunAsync_WhenSampleEventsWithFastPath_ShouldWriteExactlyWhatTheFullPipelineWrites(bool jsonl)
    {
        var files = Samples();

        var full = await RunAsync(files, jsonl, fastPath: false, parallelism: 1);
        var fast = await RunAsync(files, jsonl, fastPath: true, parallelism: 2);

        Assert.Equal(full, fast);
    }

    [Fact]
    public async Task RunAsync_WhenSampleRecordsAsLogFiles_ShouldWriteExactlyWhatTheFullPipelineWrites()
    {
        // The samples' CloudTrail records as a log file, renamed so no rule covers them: the fast path takes them.
        var dir = CliProcess.TempDir();
        var records = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "events", "cloudtrail"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            var root = document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
            var detail = root.GetProperty("detail").GetRawText();
            records.Add(detail);
            records.Add(System.Text.RegularExpressions.Regex.Replace(detail, "\"eventName\"\\s*:\\s*\"[^\"]+\"", "\"eventName\":\"ListBuckets\""));
        }

        var path = Path.Combine(dir, "samples.json");
        await File.WriteAllTextAsync(path, "{\"Records\":[" + string.Join(",", records) + "]}");

        var full = await RunAsync([path], jsonl: true, fastPath: false, parallelism: 1);
        var fast = await RunAsync([path], jsonl: true, fastPath: true, parallelism: 1);

        Assert.Equal(full, fast);
    }

    [Fact]
    public async Task RunAsync_WhenIdsTimesAccountsAndRegionsHoldEveryCharacter_ShouldWriteExactlyWhatTheFullPipelineWrites()
    {
        // The fast path copies ids and times into the line when the encoder would leave them alone, and encodes the
        // rest: every printable ASCII character, DEL, Latin-1, a line separator, an emoji and characters the relaxed
        // encoder still escapes, in every field it writes, plus 20-character times that are not CloudTrail's form.
        string[] odd = ["<", ">", "&", "'", "+", "`", "%", "\u007f", "é", "\u2028", "\U0001F600", "\u00ad", "\ufeff", "~", "=", "/"];
        var printable = Enumerable.Range(0x20, 0x5f).Select(c => ((char)c).ToString()).Where(c => c is not ("\"" or "\\"));
        var pieces = odd.Concat(printable).ToList();
        string[] times = ["2026-10-17T12:03:07Z", "2026-10-17 12:03:07Z", "2026-10-17T12:03:07.5Z", "2026-10-17t12:03:07Z"];
        var records = pieces.Select((p, i) =>
            $$$"""{"eventID":"id{{{p}}}{{{i}}}","eventName":"ListBuckets","eventTime":"{{{times[i % times.Length]}}}","recipientAccountId":"1111{{{p}}}","awsRegion":"eu-{{{p}}}","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/a{{{p}}}","accountId":"111122223333","userName":"a{{{p}}}"}}""");
        var path = Path.Combine(CliProcess.TempDir(), "odd.json");
        await File.WriteAllTextAsync(path, "{\"Records\":[" + string.Join(",", records) + "]}");

        var full = await RunAsync([path], jsonl: true, fastPath: false, parallelism: 1);
        var fast = await RunAsync([path], jsonl: true, fastPath: true, parallelism: 1);

        Assert.Equal(pieces.Count, full.Events);
        Assert.Equal(pieces.Count, full.Ignored);
        Assert.Equal(full, fast);
    }

    [Fact]
    public async Task RunAsync_WhenManyFilesOnTwoReaders_ShouldKeepFileOrder()
    {
        var dir = CliProcess.TempDir();
        var files = new List<string>();
        for (var f = 0; f < 12; f++)
        {
            var path = Path.Combine(dir, $"f{f:D2}.json");
            var records = Enumerable.Range(0, 50 + (f % 3 * 400)).Select(i =>
                $$"""{"eventID":"f{{f}}-{{i}}","eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"111122223333"}""");
            await File.WriteAllTextAsync(path, "{\"Records\":[" + string.Join(",", records) + "]}");
            files.Add(path);
        }

        var (stdout, _, events, _, _) = await RunAsync(files, jsonl: true, fastPath: true, parallelism: 2);

        var ids = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();
        var expected = Enumerable.Range(0, 12).SelectMany(f => Enumerable.Range(0, 50 + (f % 3 * 400)).Select(i => $"f{f}-{i}")).ToList();
        Assert.Equal(expected, ids);
        Assert.Equal(expected.Count, events);
    }

    [Fact]
    public async Task RunAsync_WhenTheWriterStalls_ShouldStopReadingAheadWithinItsBound()
    {
        // 30 files of ~1.4 MB of output each. While the writer is stuck on its first write, the readers may fill
        // the open files' buffers and must then wait: reading on would make memory grow with the input.
        var dir = CliProcess.TempDir();
        var files = new List<string>();
        for (var f = 0; f < 30; f++)
        {
            var path = Path.Combine(dir, $"f{f:D2}.json");
            var records = Enumerable.Range(0, 3000).Select(i =>
                $$"""{"eventID":"f{{f}}-{{i}}","eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"111122223333","awsRegion":"eu-west-1"}""");
            await File.WriteAllTextAsync(path, "{\"Records\":[" + string.Join(",", records) + "]}");
            files.Add(path);
        }

        var pipeline = new AlertPipeline(PolicyLoader.LoadEmbedded(Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FixedTimeProvider(Now));
        using var stdout = new MemoryStream();
        using var gate = new ManualResetEventSlim();
        var output = new GatedOutput(new JsonLinesOutput(stdout), gate);
        var pool = new ChunkPool(1000);
        var run = Task.Run(() => new ReplayRunner(pipeline, output, TextWriter.Null, null, parallelism: 2, fastPath: true, chunks: pool).RunAsync(files, CancellationToken.None));

        // Wait until the readers stop taking buffers.
        var stalled = await GatedOutput.SettledAsync(() => pool.Allocated);
        gate.Set();
        var summary = await run;

        var bound = ReplayRunner.OpenFiles(2) * (ReplayRunner.SegmentsAheadFor(2) + 2);
        Assert.True(stalled <= bound, $"{stalled} buffers taken while the writer stalled; bound {bound}");
        Assert.True(pool.Allocated < 200, $"{pool.Allocated} buffers for 30 files of ~22 each: the readers ran ahead without limit");
        Assert.Equal(90_000, summary.Events);
        Assert.Equal(90_000, Encoding.UTF8.GetString(stdout.ToArray()).Count(c => c == '\n'));
    }
}
