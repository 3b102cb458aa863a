using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;

namespace GuardAlerts.Core.Tests.Samples;

/// <summary>
/// events/ naming: cloudtrail/&lt;eventName&gt;[-variant].json and guardduty/&lt;FindingType with [^A-Za-z0-9.] as _&gt;[-variant].json.
/// A variant starting with "ignored" must not alert; "burst" files alert once and then report duplicates; a variant
/// naming a threshold rule ("threshold-...") crosses it once, "below-threshold-..." is counted by it and stays below;
/// all others alert.
/// </summary>
public class EventSamplesTests
{
    [Fact]
    public async Task EverySample_WhenReplayed_ShouldGiveTheOutcomeItsNameImplies()
    {
        var results = await SampleRun.GetAsync();
        Assert.NotEmpty(results);
        var wrong = new List<string>();
        foreach (var group in results.GroupBy(r => r.File))
        {
            var variant = Variant(group.Key);
            var decisions = group.Select(g => g.Decision).ToList();
            if (SampleCoverage.IsThresholdSample(variant))
            {
                if (SampleCoverage.ThresholdSampleProblem(variant, decisions) is { } problem)
                {
                    wrong.Add($"{group.Key}: {problem}");
                }

                continue;
            }

            var expected = variant.StartsWith("ignored", StringComparison.Ordinal)
                ? decisions.Select(_ => Outcome.Ignored).ToList()
                : variant.StartsWith("burst", StringComparison.Ordinal)
                    ? [Outcome.Alert, .. decisions.Skip(1).Select(_ => Outcome.Duplicate)]
                    : decisions.Select(_ => Outcome.Alert).ToList();
            if (variant.StartsWith("burst", StringComparison.Ordinal) && decisions.Count < 2)
            {
                wrong.Add($"{group.Key}: a burst needs at least two events");
            }

            if (!expected.SequenceEqual(decisions.Select(d => d.Outcome)))
            {
                wrong.Add($"{group.Key}: expected {string.Join(",", expected)}, got {string.Join(",", decisions.Select(d => $"{d.Outcome} ({d.RuleId}: {d.Reason})"))}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task EverySample_WhenNamed_ShouldCarryTheEventNameOrFindingTypeOfItsFileName()
    {
        // A burst of refused calls is many eventNames: its file is named for the refusal (AccessDenied-...).
        var wrong = (await SampleRun.GetAsync())
            .Where(r => !Stem(r.File).StartsWith("AccessDenied-", StringComparison.Ordinal))
            .Where(r => Prefix(r.File) != Sanitize(r.Decision.Name ?? "", r.Decision.Kind))
            .Select(r => $"{r.File}: holds {r.Decision.Kind} '{r.Decision.Name}'")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task GuardDutySamples_WhenReplayed_ShouldCoverEveryResourceTypeAndBand()
    {
        var findings = (await SampleRun.GetAsync()).Where(r => r.Decision.Kind == EventKind.GuardDuty).ToList();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SampleRun.Files().Where(f => f.Contains("guardduty", StringComparison.Ordinal)))
        {
            using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            if (document.RootElement.TryGetProperty("detail", out var detail) && detail.TryGetProperty("resource", out var resource)
                && resource.TryGetProperty("resourceType", out var type))
            {
                types.Add(type.GetString()!);
            }
        }

        Assert.Superset(new HashSet<string> { "Instance", "AccessKey", "S3Bucket", "KubernetesCluster", "ECSCluster", "Container", "RDSDBInstance", "Lambda" }, types);
        Assert.Superset(new HashSet<Severity?> { Severity.Low, Severity.Medium, Severity.High, Severity.Critical }, findings.Select(f => f.Decision.Severity).ToHashSet());
    }

    private static string Stem(string file) => Path.GetFileName(file)[..^".json".Length];

    private static string Prefix(string file) => Stem(file).Split('-', 2)[0];

    private static string Variant(string file) => Stem(file).Split('-', 2) is [_, var v] ? v : "";

    private static string Sanitize(string name, EventKind? kind) =>
        kind == EventKind.GuardDuty ? new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_').ToArray()) : name;
}
