using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.ReplayFastPath;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.ReplayFastPath;

public class UnmatchedRecordFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 18, 0, 0, 0, TimeSpan.Zero);

    private static AlertPipeline Pipeline(AlertPolicy? policy = null) =>
        new(policy ?? PolicyLoader.LoadEmbedded(Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FakeTimeProvider(Now));

    /// <summary>The fast path's decision (null when it left the record to the full parser) and the full pipeline's.</summary>
    private static async Task<(Decision? Fast, Decision? Full, SkimStatus Status)> BothAsync(string json, AlertPipeline? pipeline = null)
    {
        pipeline ??= Pipeline();
        var sink = new CapturingSink(pipeline);
        var bytes = Encoding.UTF8.GetBytes(json);
        var status = new UnmatchedRecordFilter(pipeline.Policy.RiskTable, sink).TrySkip(bytes, isFinal: true, out var consumed);
        Decision? full = null;
        if (EventReader.ParseValue(bytes, "test.json", 1, 0) is [{ Parsed: { } parsed }])
        {
            full = await pipeline.ProcessAsync(parsed);
        }

        if (status == SkimStatus.Skipped)
        {
            Assert.Equal(bytes.Length, consumed);
        }

        return (sink.Decisions.SingleOrDefault(), full, status);
    }

    public static TheoryData<string> SampleRecords()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Events, "cloudtrail"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>The sample's CloudTrail record as it appears in a log file (the first one for burst samples).</summary>
    private static string Detail(string sample)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Events, "cloudtrail", sample)));
        var root = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
        return root.TryGetProperty("detail", out var detail) ? detail.GetRawText() : root.GetRawText();
    }

    [Theory]
    [MemberData(nameof(SampleRecords))]
    public async Task TrySkip_WhenSampleRecordAsIs_ShouldDecideLikeTheFullPipelineOrLeaveIt(string sample)
    {
        var (fast, full, status) = await BothAsync(Detail(sample));

        if (status == SkimStatus.Skipped)
        {
            Assert.Equal(full, fast);
        }
        else
        {
            Assert.Equal(SkimStatus.FullParse, status);
        }
    }

    [Theory]
    [MemberData(nameof(SampleRecords))]
    public async Task TrySkip_WhenSampleRenamedToUncoveredEvent_ShouldSkipWithTheFullPipelinesDecision(string sample)
    {
        var json = Detail(sample);
        using var document = JsonDocument.Parse(json);
        var name = document.RootElement.GetProperty("eventName").GetString()!;
        var renamed = System.Text.RegularExpressions.Regex.Replace(json, "\"eventName\"\\s*:\\s*\"" + name + "\"", "\"eventName\":\"DescribeInstances\"");
        var type = document.RootElement.TryGetProperty("userIdentity", out var ui) && ui.TryGetProperty("type", out var t) ? t.GetString() : null;
        var error = document.RootElement.TryGetProperty("errorCode", out var code) ? code.GetString() : null;

        var (fast, full, status) = await BothAsync(renamed);

        // Attribution reads requestParameters for SAML and web identity users; a rule covers every root call; a
        // threshold rule counts refused calls whatever their name.
        if (type is "SAMLUser" or "WebIdentityUser" || (type is not null && Pipeline().Policy.RiskTable.CoversIdentityType(type))
            || (error is not null && Pipeline().Policy.RiskTable.CountsErrorCode(error)))
        {
            Assert.Equal(SkimStatus.FullParse, status);
            return;
        }

        Assert.Equal(SkimStatus.Skipped, status);
        Assert.Equal(Outcome.Ignored, full?.Outcome);
        Assert.Equal(full, fast);
    }

    [Theory]
    [MemberData(nameof(SampleRecords))]
    public async Task TrySkip_WhenProvidersSetUpAndSampleRenamed_ShouldLabelLikeTheFullPipeline(string sample)
    {
        // Labels depend on the event's account and the issuing role: the fast path's attribution must see both.
        var providers = Core.Attribution.ManagedProviderLoader.Load(Encoding.UTF8.GetBytes("""
            {"providers":[{"id":"stax","name":"Stax","accounts":["111122223333"],"samlProviders":["staxid"],"engineerRoles":["staxid-admin-role"],
              "automationRoles":["arn:aws:iam::111122223333:role/staxid-helper-role"],"automationSessionName":"StaxHelper"}]}
            """), "providers.json");
        var pipeline = Pipeline(PolicyLoader.LoadEmbedded(Now) with { Providers = providers });
        var json = Detail(sample);
        using var document = JsonDocument.Parse(json);
        var name = document.RootElement.GetProperty("eventName").GetString()!;
        var renamed = System.Text.RegularExpressions.Regex.Replace(json, "\"eventName\"\\s*:\\s*\"" + name + "\"", "\"eventName\":\"DescribeInstances\"");

        var (fast, full, status) = await BothAsync(renamed, pipeline);

        if (status == SkimStatus.Skipped)
        {
            Assert.Equal(full, fast);
        }

        if (sample == "UpdateDetector-stax-helper-frequency.json")
        {
            Assert.Equal("Stax automation (role staxid-helper-role)", fast?.Actor?.Label);
        }
    }

    [Theory]
    [InlineData("GetSecretValue", null, SkimStatus.FullParse, "secretsmanager.amazonaws.com")]
    [InlineData("DescribeTrails", "AccessDenied", SkimStatus.FullParse)]
    [InlineData("DescribeTrails", "Client.UnauthorizedOperation", SkimStatus.FullParse)]
    [InlineData("DescribeTrails", "ThrottlingException", SkimStatus.Skipped)]
    [InlineData("DescribeTrails", null, SkimStatus.Skipped)]
    public async Task TrySkip_WhenAThresholdRuleCountsTheRecord_ShouldLeaveItToTheFullPipeline(string eventName, string? errorCode, SkimStatus expected,
        string eventSource = "cloudtrail.amazonaws.com")
    {
        var json = "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"},"
            + "\"eventTime\":\"2026-10-17T12:03:07Z\",\"eventSource\":\"" + eventSource + "\",\"eventName\":\"" + eventName + "\",\"awsRegion\":\"us-east-1\","
            + "\"requestParameters\":{\"secretId\":\"s1\"}," + (errorCode is null ? "" : "\"errorCode\":\"" + errorCode + "\",")
            + "\"sourceIPAddress\":\"198.51.100.9\",\"eventID\":\"e-counted\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";

        var (fast, full, status) = await BothAsync(json);

        Assert.Equal(expected, status);
        Assert.Equal(Outcome.Ignored, full?.Outcome);
        if (status == SkimStatus.Skipped)
        {
            Assert.Equal(full, fast);
        }
        else
        {
            Assert.NotEmpty(full!.Thresholds);
        }
    }

    [Theory]
    [InlineData("DescribeTrails", SkimStatus.Skipped)]
    [InlineData("StopLogging", SkimStatus.FullParse)]
    public async Task TrySkip_WhenVpcEndpointRecord_ShouldDecideLikeTheFullPipeline(string eventName, SkimStatus expected)
    {
        var json = "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"},"
            + "\"eventTime\":\"2026-10-17T12:03:07Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"" + eventName + "\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"10.0.141.54\",\"eventID\":\"e-vpce\",\"eventType\":\"AwsVpceEvent\",\"errorCode\":\"VpceAccessDenied\",\"recipientAccountId\":\"111122223333\","
            + "\"vpcEndpointId\":\"vpce-0a1b2c3d\",\"eventCategory\":\"NetworkActivity\"}";

        var (fast, full, status) = await BothAsync(json);

        Assert.Equal(expected, status);
        Assert.Equal(Outcome.Ignored, full?.Outcome);
        if (status == SkimStatus.Skipped)
        {
            Assert.Equal(full, fast);
        }
        else
        {
            Assert.StartsWith("CloudTrail eventType 'AwsVpceEvent'", full!.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TrySkip_WhenRandomRecords_ShouldNeverDecideDifferentlyFromTheFullPipeline()
    {
        var pipeline = Pipeline();
        var skipped = 0;
        var records = RandomRecords.Generate(seed: 6, count: 4000).ToList();
        foreach (var json in records)
        {
            var (fast, full, status) = await BothAsync(json, pipeline);
            if (status == SkimStatus.Skipped)
            {
                skipped++;
                Assert.True(full == fast, $"fast path differs for {json}:\nfast {fast}\nfull {full}");
            }
        }

        // The generator must exercise both paths.
        Assert.InRange(skipped, records.Count / 10, records.Count * 9 / 10);
    }

    [Theory]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","readOnly":true,"readOnly":false}""")]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","resources":[{"ARN":"a","ARN":"b"}]}""")]
    [InlineData("""{"eventName":"Get\u004fbject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1"}""")]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","userAgent":"x\ud800y"}""")]
    [InlineData("""{"eventName":"StopLogging","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1"}""")]
    [InlineData("""{"detail-type":"AWS API Call via CloudTrail","eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1"}""")]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","eventSource":5}""")]
    [InlineData("""{"eventName":"GetObject","recipientAccountId":"1"}""")]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-02-30T12:03:07Z","recipientAccountId":"1"}""")]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","userIdentity":{"type":"SAMLUser"}}""")]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","userIdentity":{"type":"Root"}}""")]
    [InlineData("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","x":[1,2,}""")]
    public async Task TrySkip_WhenRecordIsUnusual_ShouldLeaveItToTheFullParser(string json)
    {
        var (_, _, status) = await BothAsync(json);

        Assert.Equal(SkimStatus.FullParse, status);
    }

    [Fact]
    public void TrySkip_WhenInvalidUtf8_ShouldLeaveItToTheFullParser()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","x":" """), 0xC3, 0x28, .. "\"}"u8];
        var filter = new UnmatchedRecordFilter(Pipeline().Policy.RiskTable, new CapturingSink(Pipeline()));

        Assert.Equal(SkimStatus.FullParse, filter.TrySkip(bytes, isFinal: true, out _));
    }

    [Fact]
    public void TrySkip_WhenRecordContinuesPastTheBuffer_ShouldAskForMore()
    {
        var bytes = """{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1"}"""u8.ToArray();
        var filter = new UnmatchedRecordFilter(Pipeline().Policy.RiskTable, new CapturingSink(Pipeline()));

        Assert.Equal(SkimStatus.NeedMore, filter.TrySkip(bytes.AsSpan(0, 30), isFinal: false, out _));
        Assert.Equal(SkimStatus.FullParse, filter.TrySkip(bytes.AsSpan(0, 30), isFinal: true, out _));
        Assert.Equal(SkimStatus.Skipped, filter.TrySkip(bytes, isFinal: false, out var consumed));
        Assert.Equal(bytes.Length, consumed);
    }

    public static TheoryData<string, int> ManyKeys => new()
    {
        // Short names, names that pack to the same 64-bit key (equal first and last 8 bytes), and a nested object.
        { "k{0}", 120_000 },
        { "prefix00{0}suffix00", 60_000 },
        { "nested", 60_000 },
    };

    [Theory]
    [MemberData(nameof(ManyKeys))]
    public void TrySkip_WhenAnObjectHasTensOfThousandsOfKeys_ShouldCompareNamesLinearly(string pattern, int keys)
    {
        // The duplicate check compared each name with every earlier one once the per-object filter saturated:
        // 120,000 keys took ~7e9 comparisons (8 s of CPU). Work is counted, not timed.
        var body = string.Join(",", Enumerable.Range(0, keys).Select(i => $"\"{string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern == "nested" ? "n{0}" : pattern, i)}\":{i % 10}"));
        var parameters = pattern == "nested" ? "{\"outer\":{" + body + "},\"again\":{" + body + "}}" : "{" + body + "}";
        var bytes = Encoding.UTF8.GetBytes($$"""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","requestParameters":{{parameters}}}""");
        var filter = new UnmatchedRecordFilter(Pipeline().Policy.RiskTable, new CapturingSink(Pipeline()));

        var status = filter.TrySkip(bytes, isFinal: true, out _);

        Assert.Equal(SkimStatus.Skipped, status);
        var names = pattern == "nested" ? 2 * keys : keys;
        Assert.True(filter.NameComparisons <= 4L * names, $"{filter.NameComparisons} name comparisons for {names} names");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59_999)]
    public void TrySkip_WhenTheLastOfManyKeysRepeatsAnEarlierOne_ShouldStillFindTheDuplicate(int repeated)
    {
        var body = string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"\"k{i}\":0")) + $",\"k{repeated}\":1";
        var bytes = Encoding.UTF8.GetBytes("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","requestParameters":{""" + body + "}}");

        var status = new UnmatchedRecordFilter(Pipeline().Policy.RiskTable, new CapturingSink(Pipeline())).TrySkip(bytes, isFinal: true, out _);

        Assert.Equal(SkimStatus.FullParse, status);
    }

    [Fact]
    public async Task TrySkip_WhenALargeRecordArrivesInSmallReads_ShouldSkimItAFewTimesNotOncePerRead()
    {
        // The filter starts over whenever it needs more bytes: a 900 KB record read 1 KB at a time (a slow gzip
        // stream) was skimmed ~900 times. The reader now at least doubles what the filter sees between tries.
        var body = string.Join(",", Enumerable.Range(0, 70_000).Select(i => $"\"k{i}\":0"));
        var record = Encoding.UTF8.GetBytes("""{"Records":[{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1","requestParameters":{""" + body + "}}]}");
        var sink = new CapturingSink(Pipeline());
        var state = new ReaderState(new TrickleStream(record, 1024), "trickle.json", new UnmatchedRecordFilter(Pipeline().Policy.RiskTable, sink));

        while (await state.NextAsync(CancellationToken.None) is { } items)
        {
            Assert.Empty(items);
        }

        Assert.Single(sink.Decisions);
        Assert.True(state.OfferedBytes <= 4L * record.Length, $"{state.OfferedBytes} bytes offered to the filter for a {record.Length}-byte record");
    }

    /// <summary>A stream that returns at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    [Fact]
    public async Task TrySkip_WhenNoEventId_ShouldUseTheFullParsersContentId()
    {
        var (fast, full, status) = await BothAsync("""{"eventName":"GetObject","eventTime":"2026-10-17T12:03:07Z","recipientAccountId":"1"}""");

        Assert.Equal(SkimStatus.Skipped, status);
        Assert.StartsWith("sha256:", fast?.Id, StringComparison.Ordinal);
        Assert.Equal(full?.Id, fast?.Id);
    }
}
