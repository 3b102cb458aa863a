using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.ReplayFastPath;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.ReplayFastPath;

/// <summary>
/// The fast path and the full pipeline reach the same <see cref="Decision"/>, every field and the whole Actor
/// compared (not the printed line): over every CloudTrail record in events/ and test/data/corpora, each also renamed
/// to an eventName no rule covers so the fast path takes it, over seeded random records and over CsCheck-generated
/// ones built from what attribution reads.
/// </summary>
public class FastPathDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 18, 0, 0, 0, TimeSpan.Zero);

    private static readonly AlertPipeline Pipeline =
        new(PolicyLoader.LoadEmbedded(Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FakeTimeProvider(Now));

    /// <summary>Null when the fast path leaves the record to the full parser; else a description of any difference.</summary>
    private static async Task<(bool Skipped, string? Difference)> CompareAsync(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var sink = new CapturingSink(Pipeline);
        if (new UnmatchedRecordFilter(Pipeline.Policy.RiskTable, sink).TrySkip(bytes, isFinal: true, out _) != SkimStatus.Skipped)
        {
            return (false, null);
        }

        var parsed = Assert.Single(EventReader.ParseValue(bytes, "record.json", 1, 0)).Parsed;
        Assert.NotNull(parsed);
        var full = await Pipeline.ProcessAsync(parsed);
        var fast = Assert.Single(sink.Decisions);
        return (true, full == fast ? null : $"{json}\nfull {full}\n  actor {full.Actor}\nfast {fast}\n  actor {fast.Actor}");
    }

    /// <summary>Every CloudTrail record in a JSON value: EventBridge details, log-file records, arrays of either, bare records.</summary>
    private static IEnumerable<JsonNode> Records(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return array.SelectMany(Records);
            case JsonObject o when o["Records"] is JsonArray records:
                return records.SelectMany(Records);
            case JsonObject o when o["detail"] is JsonObject detail && o["detail-type"] is not null:
                return detail["eventName"] is null ? [] : [detail];
            case JsonObject o when o["eventName"] is not null:
                return [o];
            default:
                return [];
        }
    }

    private static IEnumerable<string> SampleAndCorpusRecords()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Events, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var record in Records(JsonNode.Parse(File.ReadAllBytes(file))))
            {
                yield return record.ToJsonString();
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Corpora, "cloudtrail"), "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var sample in JsonNode.Parse(File.ReadAllBytes(file))!.AsArray())
            {
                foreach (var record in Records(sample!["event"]))
                {
                    yield return record.ToJsonString();
                }
            }
        }
    }

    private static string Renamed(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node["eventName"] = "DescribeInstances";
        return node.ToJsonString();
    }

    [Fact]
    public async Task DecideUnmatched_WhenEverySampleAndCorpusRecordAsIsAndRenamed_ShouldEqualTheFullPipelinesDecision()
    {
        var records = SampleAndCorpusRecords().ToList();
        var differences = new List<string>();
        var skipped = 0;
        foreach (var json in records.Concat(records.Select(Renamed)))
        {
            var (fast, difference) = await CompareAsync(json);
            skipped += fast ? 1 : 0;
            if (difference is not null)
            {
                differences.Add(difference);
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n\n", differences.Take(5)));
        Assert.True(records.Count > 250, $"{records.Count} records");
        Assert.True(skipped > records.Count / 2, $"only {skipped} records took the fast path");
    }

    [Fact]
    public async Task DecideUnmatched_WhenSeededRandomRecords_ShouldEqualTheFullPipelinesDecision()
    {
        var skipped = 0;
        foreach (var json in RandomRecords.Generate(seed: 11, count: 4000))
        {
            var (fast, difference) = await CompareAsync(json);
            skipped += fast ? 1 : 0;
            Assert.True(difference is null, difference);
        }

        Assert.InRange(skipped, 400, 3600);
    }

    [Fact]
    public async Task DecideUnmatched_WhenGeneratedRecords_ShouldEqualTheFullPipelinesDecision()
    {
        var skipped = 0;
        await Check.SampleAsync(RecordGen.Record, async json =>
        {
            var (fast, difference) = await CompareAsync(json);
            if (fast)
            {
                Interlocked.Increment(ref skipped);
            }

            Assert.True(difference is null, difference);
        }, iter: 5_000, threads: 1);

        Assert.True(skipped > 1_000, $"only {skipped} generated records took the fast path");
    }

    [Fact]
    public async Task DecideUnmatched_WhenFailedCallNamesASamlProvider_ShouldNotTakeTheProviderLikeTheFullPipeline()
    {
        // A failed call's SAML provider was not verified by AWS: attribution leaves it out, on both paths. (A refusal
        // such as AccessDenied is counted by a threshold rule, so the full pipeline takes it: another failure here.)
        const string json = """
            {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:sess","arn":"arn:aws:sts::111122223333:assumed-role/app/sess","accountId":"111122223333"},
             "eventTime":"2026-10-17T12:03:07Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","errorCode":"Client.RequestLimitExceeded",
             "additionalEventData":{"SamlProviderArn":"arn:aws:iam::111122223333:saml-provider/staxid"},"recipientAccountId":"111122223333"}
            """;

        var (fast, difference) = await CompareAsync(json);

        Assert.True(fast);
        Assert.True(difference is null, difference);
    }
}
