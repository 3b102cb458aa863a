using System.Text;
using System.Text.Json.Nodes;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Testing;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// Every sample the repository has (events/ and the real AWS samples in test/data/corpora), each as the EventBridge
/// event AWS would put on the bus, decided by the real pipeline on the repository's policy with an empty ledger.
/// CloudTrail records and GuardDuty findings that are not already EventBridge events are wrapped the way EventBridge
/// documents (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html): source "aws." plus the
/// service, detail-type from the record's eventType, the record or the (camelCase) finding as detail.
/// </summary>
public static class SampleEvents
{
    private static readonly Lazy<Task<IReadOnlyList<SampleEvent>>> All = new(LoadAsync);

    public static Task<IReadOnlyList<SampleEvent>> AllAsync() => All.Value;

    private static async Task<IReadOnlyList<SampleEvent>> LoadAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var config = Path.Combine(RepoPaths.Root, "config");
        var riskTable = await File.ReadAllBytesAsync(Path.Combine(config, PolicyLoader.RiskTableFile));
        var exemptions = await File.ReadAllBytesAsync(Path.Combine(config, PolicyLoader.ExemptionsFile));
        var policy = PolicyLoader.Load(riskTable, PolicyLoader.RiskTableFile, exemptions, PolicyLoader.ExemptionsFile, now);
        var samples = new List<SampleEvent>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "events"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await AddAsync(samples, policy, Path.GetRelativePath(RepoPaths.Root, file), JsonNode.Parse(await File.ReadAllBytesAsync(file))!);
        }

        foreach (var file in Directory.GetFiles(RepoPaths.Corpora, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var record in JsonNode.Parse(await File.ReadAllBytesAsync(file))!.AsArray())
            {
                await AddAsync(samples, policy, $"{Path.GetFileName(file)} {record!["id"]}", record["event"]!);
            }
        }

        return samples;
    }

    private static async Task AddAsync(List<SampleEvent> samples, AlertPolicy policy, string source, JsonNode value)
    {
        var items = EventReader.ParseValue(Encoding.UTF8.GetBytes(value.ToJsonString()), source, 1, 0);
        var events = ToEventBridge(value).ToList();
        var parsed = items.Where(i => i.Parsed?.Event is not null).ToList();
        if (parsed.Count == 0)
        {
            return;
        }

        if (items.Count != events.Count)
        {
            throw new InvalidOperationException($"{source}: the reader found {items.Count} events, the EventBridge wrapper {events.Count}");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Parsed is not { Event: not null } p)
            {
                continue;
            }

            var e = events[i] ?? throw new InvalidOperationException($"{source} #{i + 1}: the engine reads an event that has no EventBridge form here");

            var pipeline = new AlertPipeline(policy, new InMemoryAlertLedger(), new RecordingPublisher(), TimeProvider.System);
            samples.Add(new SampleEvent(items.Count == 1 ? source : $"{source} #{i + 1}", e, await pipeline.ProcessAsync(p)));
        }
    }

    /// <summary>The EventBridge events in a sample value (null where an item is none EventBridge would carry).</summary>
    public static IEnumerable<JsonObject?> ToEventBridge(JsonNode value) => value switch
    {
        JsonArray items => items.SelectMany(i => ToEventBridge(i!)),
        JsonObject o when o.ContainsKey("detail-type") => [(JsonObject)o.DeepClone()],
        JsonObject o when o["Records"] is JsonArray records => records.Select(r => FromCloudTrail(r!.AsObject())),
        JsonObject o when o.ContainsKey("eventSource") && o.ContainsKey("eventName") => [FromCloudTrail(o)],
        JsonObject o when Has(o, "type") && Has(o, "severity") => [FromFinding(o)],
        _ => [null],
    };

    private static bool Has(JsonObject o, string name) => o.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    private static JsonObject FromCloudTrail(JsonObject record)
    {
        var eventSource = (string?)record["eventSource"] ?? "";
        var detailType = (string?)record["eventType"] switch
        {
            "AwsConsoleSignIn" => "AWS Console Sign In via CloudTrail",
            "AwsServiceEvent" => "AWS Service Event via CloudTrail",
            "AwsConsoleAction" => "AWS Console Action via CloudTrail",
            "AwsApiCall" => "AWS API Call via CloudTrail",
            _ => (string?)record["eventName"] == "ConsoleLogin" ? "AWS Console Sign In via CloudTrail" : "AWS API Call via CloudTrail",
        };
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = (string?)record["eventID"] ?? Guid.NewGuid().ToString(),
            ["detail-type"] = detailType,
            ["source"] = "aws." + eventSource.Split('.')[0],
            ["account"] = (string?)record["recipientAccountId"] ?? (string?)record["userIdentity"]?["accountId"] ?? "111122223333",
            ["time"] = (string?)record["eventTime"],
            ["region"] = (string?)record["awsRegion"] ?? "us-east-1",
            ["resources"] = new JsonArray(),
            ["detail"] = record.DeepClone(),
        };
    }

    // EventBridge carries the finding as GuardDuty's API returns it, in camelCase; boto3's PascalCase is the SDK's.
    private static JsonObject FromFinding(JsonObject finding)
    {
        var detail = CamelCase(finding)!.AsObject();
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "GuardDuty Finding",
            ["source"] = "aws.guardduty",
            ["account"] = (string?)detail["accountId"] ?? "111122223333",
            ["time"] = (string?)detail["updatedAt"],
            ["region"] = (string?)detail["region"] ?? "us-east-1",
            ["resources"] = new JsonArray(),
            ["detail"] = detail,
        };
    }

    private static JsonNode? CamelCase(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key.Length > 0 && char.IsUpper(p.Key[0]) ? char.ToLowerInvariant(p.Key[0]) + p.Key[1..] : p.Key, CamelCase(p.Value)))),
        JsonArray a => new JsonArray(a.Select(CamelCase).ToArray()),
        _ => node?.DeepClone(),
    };
}
