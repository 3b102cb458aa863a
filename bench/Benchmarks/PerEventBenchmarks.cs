using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GuardAlerts.Cli.Replay;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.ReplayFastPath;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Benchmarks;

/// <summary>
/// The per-event path, step by step, for a matching event (CreateUser by an IAM user, the shipped risk table, a
/// dozen exemptions that do not match) and for a noise record the fast path skips. Allocations via MemoryDiagnoser.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PerEventBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 10, 18, 0, 0, 0, TimeSpan.Zero);

    private readonly ActorAttributor _attributor = new();
    private byte[] _matching = [];
    private byte[] _noise = [];
    private AlertPolicy _policy = null!;
    private AlertPipeline _pipeline = null!;
    private SecurityEvent _event = null!;
    private Actor _actor = null!;
    private RuleMatch _match = null!;
    private string _key = "";
    private UnmatchedRecordFilter _filter = null!;
    private JsonLinesOutput _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        using var sample = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "events", "cloudtrail", "CreateUser.json")));
        _matching = JsonSerializer.SerializeToUtf8Bytes(sample.RootElement.GetProperty("detail"), BenchJson.Default.JsonElement);
        _noise = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(_matching)
            .Replace("\"eventName\":\"CreateUser\"", "\"eventName\":\"GetUser\"", StringComparison.Ordinal));

        var exemptions = "{\"exemptions\":[" + string.Join(",", Enumerable.Range(0, 12).Select(i =>
            "{\"id\":\"x" + i + "\",\"reason\":\"r\",\"owner\":\"o@example.com\",\"expires\":\"2027-12-31\",\"action\":\"suppress\","
            + "\"match\":{\"accounts\":[\"99998888" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "\"],"
            + "\"principalArns\":[\"arn:aws:iam::999988880000:role/r" + i + "\"]}}")) + "]}";
        var embedded = PolicyLoader.LoadEmbedded(Now);
        _policy = embedded with { Exemptions = ExemptionLoader.Load(System.Text.Encoding.UTF8.GetBytes(exemptions), "exemptions.json", Now) };
        _pipeline = new AlertPipeline(_policy, new NullLedger(), new NullPublisher(), new FixedClock(Now));
        _event = Parse().Event!;
        _actor = _attributor.Attribute(_event);
        _match = _policy.RiskTable.Match(_event)!;
        _key = DedupKeyBuilder.Build(_event, _match, _actor).Value;
        _filter = new UnmatchedRecordFilter(_policy.RiskTable, new NullSink());
        _output = new JsonLinesOutput(Stream.Null);
    }

    [Benchmark(Description = "1 parse (JsonDocument + event model)")]
    public ParsedEvent Parse() => EventReader.ParseValue(_matching, "bench.json", 1, 0)[0].Parsed!;

    [Benchmark(Description = "2 attribute")]
    public Actor Attribute() => _attributor.Attribute(_event);

    [Benchmark(Description = "3 match (risk table)")]
    public RuleMatch? Match() => _policy.RiskTable.Match(_event);

    [Benchmark(Description = "4 exempt (12 exemptions)")]
    public Exemption? Exempt() => _policy.Exemptions.Find(_event, _actor, Now);

    [Benchmark(Description = "5 dedup key")]
    public DedupKey Key() => DedupKeyBuilder.Build(_event, _match, _actor);

    [Benchmark(Description = "6 render alert")]
    public RenderedAlert Render()
    {
        // Reading the SNS message forces the whole body (email, default, JSON), however the renderer schedules it.
        var alert = AlertRenderer.Render(new AlertContext(_event, _actor, _match, _match.Severity, _key, Now));
        return alert.MessageJson.Length > 0 ? alert : throw new InvalidOperationException("empty message");
    }

    [Benchmark(Description = "all: bytes -> decision -> alert -> JSON line")]
    public async Task<Decision> Full()
    {
        var item = EventReader.ParseValue(_matching, "bench.json", 1, 0)[0];
        var decision = await _pipeline.ProcessAsync(item.Parsed!);
        _output.Decided(item, decision);
        return decision;
    }

    [Benchmark(Description = "fast path: skip a noise record")]
    public SkimStatus Skip() => _filter.TrySkip(_noise, isFinal: true, out _);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuardAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }
}
