using GuardAlerts.Cli.Replay;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Validate;

/// <summary>
/// validate --events: decides every sample with the policy being validated (an in-memory ledger, nothing
/// published) and reports each rule without an alerting sample or a near miss, and each sample whose outcome
/// is not the one its file name promises ("-ignored..." must not alert, "-burst..." alerts once, "-threshold-..."
/// crosses that threshold rule once, "-below-threshold-..." is counted by it and stays below, others alert).
/// </summary>
internal static class SampleLint
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(AlertPolicy policy, string directory, TimeProvider clock)
    {
        var pipeline = new AlertPipeline(policy, new InMemoryAlertLedger(), new DiscardingPublisher(), clock);
        var problems = new List<string>();
        var decisions = new List<Decision>();
        foreach (var file in Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var outcomes = new List<Outcome>();
            var fileDecisions = new List<Decision>();
            await using (var stream = EventReader.OpenFile(file))
            {
                await foreach (var item in EventReader.ReadAsync(stream, file).ConfigureAwait(false))
                {
                    if (item.Parsed is not { } parsed)
                    {
                        problems.Add($"{item.Position}: {item.Error}");
                        continue;
                    }

                    var decision = await pipeline.ProcessAsync(parsed).ConfigureAwait(false);
                    decisions.Add(decision);
                    fileDecisions.Add(decision);
                    outcomes.Add(decision.Outcome);
                }
            }

            var variant = Path.GetFileNameWithoutExtension(file).Split('-', 2) is [_, var v] ? v : "";
            if (SampleCoverage.IsThresholdSample(variant))
            {
                if (SampleCoverage.ThresholdSampleProblem(variant, fileDecisions) is { } problem)
                {
                    problems.Add($"{file}: {problem}");
                }
            }
            else if (Expected(variant, outcomes.Count) is { } expected && !expected.SequenceEqual(outcomes))
            {
                problems.Add($"{file}: its name promises {string.Join(",", expected)}, the policy decides {string.Join(",", outcomes)}");
            }
        }

        problems.AddRange(SampleCoverage.Problems(policy.RiskTable, decisions));
        return problems;
    }

    // events/README.md: a variant starting with "ignored" must not alert, one starting with "burst" alerts once
    // and then reports duplicates, every other file alerts.
    private static List<Outcome>? Expected(string variant, int count)
    {
        if (count == 0)
        {
            return null;
        }

        return variant.StartsWith("ignored", StringComparison.Ordinal) ? [.. Enumerable.Repeat(Outcome.Ignored, count)]
            : variant.StartsWith("burst", StringComparison.Ordinal) ? [Outcome.Alert, .. Enumerable.Repeat(Outcome.Duplicate, count - 1)]
            : [.. Enumerable.Repeat(Outcome.Alert, count)];
    }
}
