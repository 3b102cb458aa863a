using System.Globalization;
using GuardAlerts.Bench.ThresholdCost;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;

// threshold-cost <corpus dir> [config dir]: decides every record of the corpus with the full pipeline (no fast path)
// and prints, per threshold rule, per million CloudTrail events: the events it counts, the function invocations only
// it causes (events no other rule's EventBridge pattern delivers), the ledger writes and reads, and the crossings.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: threshold-cost <corpus dir> [config dir]");
    return 2;
}

var config = args.Length > 1 ? args[1] : "config";
var now = new DateTimeOffset(2026, 10, 18, 0, 0, 0, TimeSpan.Zero);
var policy = PolicyLoader.Load(File.ReadAllBytes(Path.Combine(config, PolicyLoader.RiskTableFile)), PolicyLoader.RiskTableFile,
    File.ReadAllBytes(Path.Combine(config, PolicyLoader.ExemptionsFile)), PolicyLoader.ExemptionsFile, now);
var table = policy.RiskTable;
var ledger = new LedgerTally();
var pipeline = new AlertPipeline(policy, ledger, new DiscardingPublisher(), new FixedClock(now));
var primaryNames = table.Rules.Where(r => r.Threshold is null).SelectMany(r => r.EventNames).ToHashSet(StringComparer.Ordinal);
var everyCallTypes = table.EveryCallIdentityTypes.ToHashSet(StringComparer.Ordinal);
var counted = new Dictionary<string, long>(StringComparer.Ordinal);
var invocations = new Dictionary<string, long>(StringComparer.Ordinal);
var crossings = new Dictionary<string, long>(StringComparer.Ordinal);
long events = 0;
foreach (var file in Directory.GetFiles(args[0]).Order(StringComparer.Ordinal))
{
    await using var stream = EventReader.OpenFile(file);
    await foreach (var item in EventReader.ReadAsync(stream, file))
    {
        if (item.Parsed is not { } parsed)
        {
            continue;
        }

        events++;
        var decision = await pipeline.ProcessAsync(parsed);
        var delivered = decision.Name is { } name && primaryNames.Contains(name) || decision.Actor?.IdentityType is { } type && everyCallTypes.Contains(type);
        foreach (var rule in decision.Thresholds.Select(t => t.RuleId).Distinct(StringComparer.Ordinal))
        {
            counted[rule] = counted.GetValueOrDefault(rule) + 1;
            if (!delivered)
            {
                invocations[rule] = invocations.GetValueOrDefault(rule) + 1;
                // An event two threshold rules count invokes the function once: charge it to the first.
                delivered = true;
            }
        }

        foreach (var t in decision.Thresholds.Where(t => t.Outcome == Outcome.Alert))
        {
            crossings[t.RuleId] = crossings.GetValueOrDefault(t.RuleId) + 1;
        }
    }
}

var perMillion = 1_000_000.0 / Math.Max(1, events);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{events} CloudTrail events in {args[0]}; figures per million events"));
Console.WriteLine("| rule | read-only (opt-in) | events counted | invocations it alone causes | ledger writes | ledger reads | largest window (members) | alerts |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var rule in table.ThresholdRules)
{
    var (writes, reads, members) = ledger.ByRule.GetValueOrDefault(rule.Id);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| `{rule.Id}` | {(rule.ReadOnlyCalls ? "yes" : "no")} | {counted.GetValueOrDefault(rule.Id) * perMillion:N0} | {invocations.GetValueOrDefault(rule.Id) * perMillion:N0} | {writes * perMillion:N0} | {reads * perMillion:N0} | {members} | {crossings.GetValueOrDefault(rule.Id) * perMillion:N1} |"));
}

return 0;
