using System.IO.Compression;
using System.Text;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;

namespace GuardAlerts.Core.Tests.Reading;

public class EventReaderTests
{
    private static readonly string Record = """{"eventID":"e-N","eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com","eventTime":"2026-10-01T10:00:00Z"}""";

    private static async Task<List<InputItem>> ReadAsync(byte[] bytes)
    {
        var items = new List<InputItem>();
        await foreach (var item in EventReader.ReadAsync(EventReader.MaybeDecompress(new MemoryStream(bytes)), "input.json"))
        {
            items.Add(item);
        }

        return items;
    }

    private static string Records(int count) => string.Join(",", Enumerable.Range(0, count).Select(i => Record.Replace("e-N", $"e-{i}", StringComparison.Ordinal)));

    [Fact]
    public async Task ReadAsync_WhenCloudTrailLogFile_ShouldYieldEveryRecordInOrder()
    {
        var items = await ReadAsync(Json.Utf8($$"""{"Records":[{{Records(3)}}]}"""));

        Assert.Equal(["e-0", "e-1", "e-2"], items.Select(i => i.Parsed?.Id));
    }

    [Fact]
    public async Task ReadAsync_WhenGzippedPrettyPrintedLogFile_ShouldDecompressAndRead()
    {
        var json = "{\n  \"Records\" :\n [\n" + Records(2).Replace(",{", ",\n{", StringComparison.Ordinal) + "\n]\n}\n";
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Json.Utf8(json));
        }

        var items = await ReadAsync(compressed.ToArray());

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.NotNull(i.Parsed?.Event));
        Assert.Equal(5, items[1].Line);
    }

    [Fact]
    public async Task ReadAsync_WhenArrayOfEvents_ShouldYieldEach()
    {
        var items = await ReadAsync(Json.Utf8($"[{Records(2)}]"));

        Assert.Equal(2, items.Count(i => i.Parsed?.Event is not null));
    }

    [Fact]
    public async Task ReadAsync_WhenJsonLinesWithBrokenLine_ShouldReportItAndReadTheRest()
    {
        var text = Record + "\nthis is not json\n" + Record.Replace("e-N", "e-2", StringComparison.Ordinal) + "\n";

        var items = await ReadAsync(Json.Utf8(text));

        Assert.Equal(3, items.Count);
        Assert.Equal("e-N", items[0].Parsed?.Id);
        Assert.Contains("unexpected 't'", items[1].Error, StringComparison.Ordinal);
        Assert.Equal(2, items[1].Line);
        Assert.Equal("e-2", items[2].Parsed?.Id);
        Assert.Equal(3, items[2].Line);
    }

    [Theory]
    [InlineData("{\"eventName\":\"Stop", "truncated JSON")]
    [InlineData("{\"eventName\":", "truncated JSON")]
    [InlineData("{\"eventName\":\"St\"op\"}", "truncated JSON")]
    public async Task ReadAsync_WhenBrokenLineInJsonLines_ShouldReportItAndResumeOnTheNextLine(string broken, string error)
    {
        var text = broken + "\n" + Record.Replace("e-N", "e-2", StringComparison.Ordinal) + "\n" + Record.Replace("e-N", "e-3", StringComparison.Ordinal) + "\n";

        var items = await ReadAsync(Json.Utf8(text));

        Assert.Equal(3, items.Count);
        Assert.Contains(error, items[0].Error, StringComparison.Ordinal);
        Assert.Contains("resumes on line 2", items[0].Error, StringComparison.Ordinal);
        Assert.Equal(["e-2", "e-3"], items.Skip(1).Select(i => i.Parsed?.Id));
        Assert.Equal([2L, 3L], items.Skip(1).Select(i => i.Line));
    }

    [Fact]
    public async Task ReadAsync_WhenTensOfThousandsOfUnclosedLines_ShouldScanLinearlyAndReportThem()
    {
        // Every line resyncs by rescanning the rest of the input; a budget on rescanned bytes keeps this from going
        // quadratic. The work is measured in bytes scanned, not seconds: with a 4 MB budget the reader may scan the
        // budget plus a few passes over the input (without it: about 20,000 lines x 70 KB = 1.4 GB).
        var bytes = Json.Utf8(string.Concat(Enumerable.Repeat("{\"a\":[\n", 20_000)));
        const long budget = 4L << 20;
        var state = new ReaderState(new MemoryStream(bytes), "unclosed.jsonl", filter: null, budget: null, resyncBudgetBytes: budget);

        var items = new List<InputItem>();
        while (await state.NextAsync(CancellationToken.None) is { } next)
        {
            items.AddRange(next);
        }

        Assert.InRange(state.ScannedBytes, bytes.Length, budget + (4L * bytes.Length));
        Assert.All(items, i => Assert.Contains("truncated JSON", i.Error, StringComparison.Ordinal));
        Assert.InRange(items.Count, 2, 20_000);
    }

    [Fact]
    public async Task ReadAsync_WhenPrettyPrintedEventIsTruncated_ShouldReportOneError()
    {
        var items = await ReadAsync(Json.Utf8("{\n  \"eventName\": \"StopLogging\",\n  \"userIdentity\": {\n    \"type\": \"IAMUser\""));

        Assert.Contains("truncated JSON", Assert.Single(items).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenByteOrderMark_ShouldSkipIt()
    {
        var items = await ReadAsync([0xEF, 0xBB, 0xBF, .. Json.Utf8(Record)]);

        Assert.NotNull(Assert.Single(items).Parsed?.Event);
    }

    [Fact]
    public async Task ReadAsync_WhenTruncated_ShouldReportTruncation()
    {
        var items = await ReadAsync(Json.Utf8($$"""{"Records":[{{Record}},{"eventName":"Stop"""));

        Assert.Equal(2, items.Count);
        Assert.NotNull(items[0].Parsed?.Event);
        Assert.Contains("truncated JSON", items[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenNestedTenThousandDeep_ShouldRejectWithoutCrashing()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        var items = await ReadAsync(Json.Utf8("{\"a\":" + deep + "}\n" + Record));

        Assert.Contains("invalid JSON", items[0].Error, StringComparison.Ordinal);
        Assert.NotNull(items[^1].Parsed?.Event);
    }

    [Fact]
    public async Task ReadAsync_WhenInvalidUtf8_ShouldReportInvalidJson()
    {
        byte[] bytes = [.. Json.Utf8("{\"eventName\":\""), 0xC3, 0x28, .. Json.Utf8("\"}")];

        var items = await ReadAsync(bytes);

        Assert.Contains("invalid UTF-8", Assert.Single(items).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenLoneSurrogateEscape_ShouldRejectTheEvent()
    {
        var items = await ReadAsync(Json.Utf8(Record.Replace("StopLogging", "Stop\\uD800Logging", StringComparison.Ordinal)));

        Assert.Contains("eventName holds invalid text", Assert.Single(items).Parsed?.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenDuplicateKeys_ShouldRejectTheValue()
    {
        var items = await ReadAsync(Json.Utf8("""{"eventName":"StopLogging","eventName":"DescribeTrails"}"""));

        Assert.Contains("invalid JSON", Assert.Single(items).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenArrayHoldsScalars_ShouldReportEachAndKeepObjects()
    {
        var items = await ReadAsync(Json.Utf8($"[1, \"x,]\", {Record}]"));

        Assert.Equal(3, items.Count);
        Assert.Contains("not an event object", items[0].Error, StringComparison.Ordinal);
        Assert.Contains("not an event object", items[1].Error, StringComparison.Ordinal);
        Assert.NotNull(items[2].Parsed?.Event);
    }

    [Fact]
    public async Task ReadAsync_WhenLogFileSpansManyBuffers_ShouldYieldEveryRecord()
    {
        // ~2.5 MB: dozens of 64 KB refills, with records cut at every possible buffer boundary.
        var bytes = Json.Utf8($$"""{"Records":[{{Records(20_000)}}]}""");
        var count = 0;
        await foreach (var item in EventReader.ReadAsync(new MemoryStream(bytes), "big.json"))
        {
            Assert.NotNull(item.Parsed?.Event);
            count++;
        }

        Assert.Equal(20_000, count);
        Assert.True(bytes.Length > 2_000_000);
    }

    [Fact]
    public async Task ReadAsync_WhenEveryCorpusSample_ShouldParseEveryRealEvent()
    {
        var files = Directory.GetFiles(RepoPaths.Corpora, "*.json", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var parsed = 0;
        var problems = new List<string>();
        foreach (var file in files)
        {
            using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            foreach (var sample in document.RootElement.EnumerateArray())
            {
                var envelope = sample.GetProperty("envelope").GetString();
                var bytes = Encoding.UTF8.GetBytes(sample.GetProperty("event").GetRawText());
                var items = await ReadAsync(bytes);
                Assert.NotEmpty(items);
                if (envelope is not ("eventbridge" or "cloudtrail-record" or "cloudtrail-log-file" or "guardduty-finding"))
                {
                    continue;
                }

                foreach (var item in items)
                {
                    if (item.Parsed?.Event is not null)
                    {
                        parsed++;
                    }
                    else if (string.IsNullOrWhiteSpace(item.Error ?? item.Parsed?.Rejection))
                    {
                        problems.Add($"{Path.GetFileName(file)} {sample.GetProperty("id")}: rejected without a reason");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The rest are fixtures with "..." placeholders, a CloudTrail Insights record and an empty finding: rejected, with reasons.
        Assert.True(parsed >= 95, $"only {parsed} corpus events parsed");
    }
}
