using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Samples;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>
/// Runs bytes through the real <see cref="EventReader"/> and <see cref="AlertPipeline"/> (shipped config/, in-memory
/// ledger, recording publisher), as the replay does: every item becomes an outcome and a reason.
/// </summary>
internal sealed class HostileRun
{
    public static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<Policy.AlertPolicy> Policy = new(() => SampleRun.LoadPolicy(Now));

    private HostileRun(List<(InputItem Item, string Outcome, string Reason, Decision? Decision)> results, IReadOnlyList<RenderedAlert> published)
    {
        Results = results;
        Published = published;
    }

    /// <summary>Per item: the item, the outcome name, the reason (the reader's error for unreadable bytes) and the decision.</summary>
    public IReadOnlyList<(InputItem Item, string Outcome, string Reason, Decision? Decision)> Results { get; }

    public IReadOnlyList<RenderedAlert> Published { get; }

    public static async Task<HostileRun> RunAsync(byte[] bytes, string source = "hostile.jsonl")
    {
        var clock = new FakeTimeProvider(Now);
        var publisher = new RecordingPublisher();
        var pipeline = new AlertPipeline(Policy.Value, new InMemoryAlertLedger(), publisher, clock);
        var results = new List<(InputItem, string, string, Decision?)>();
        await foreach (var item in EventReader.ReadAsync(EventReader.MaybeDecompress(new MemoryStream(bytes)), source))
        {
            if (item.Parsed is not { } parsed)
            {
                results.Add((item, "rejected", item.Error ?? "", null));
                continue;
            }

            var decision = await pipeline.ProcessAsync(parsed);
            results.Add((item, decision.Outcome.Name(), decision.Reason ?? "", decision));
        }

        return new HostileRun(results, publisher.Published);
    }

    /// <summary>One line per item, for assertion messages.</summary>
    public override string ToString() =>
        string.Join("\n", Results.Select(r => $"{r.Item.Position} {r.Outcome} rule={r.Decision?.RuleId} reason={r.Reason}"));
}
