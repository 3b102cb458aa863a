using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using GuardAlerts.Core.Tests.Samples;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>
/// Property-based: every sample in events/, mutated (fields dropped or nulled, types changed, CR/LF/NUL/bidi/emoji
/// injected, strings blown up, bytes truncated or spliced), goes through the real reader and pipeline with a valid
/// event after it. Never an unhandled exception, the valid event is still decided, every reason is one clean line
/// and every alert is one SNS accepts. Budget: a few seconds on 2 cores (CI runs everything).
/// </summary>
public class SampleMutationTests
{
    private const int RandomIterations = 8_000;

    private static readonly Lazy<IReadOnlyList<(string File, JsonNode Sample)>> Samples = new(() =>
        SampleRun.Files().Select(f => (Path.GetFileName(f), JsonNode.Parse(File.ReadAllBytes(f))!)).ToList());

    private static readonly int KindCount = Enum.GetValues<MutationKind>().Length;

    [Fact]
    public async Task Process_WhenEverySampleGetsEveryKindOfMutation_ShouldDecideOrRejectWithinSnsLimits()
    {
        // Arrange
        var samples = Samples.Value;
        Assert.True(samples.Count > 100, $"{samples.Count} samples");
        var mutations = Enumerable.Range(0, samples.Count)
            .SelectMany(s => Enumerable.Range(0, KindCount).Select(k => new SampleMutation(s, (MutationKind)k, (s * 7_919) + (k * 104_729), s + k)));

        // Act and assert
        foreach (var mutation in mutations)
        {
            await CheckAsync(mutation);
        }
    }

    [Fact]
    public async Task Process_WhenRandomSampleIsRandomlyMutated_ShouldDecideOrRejectWithinSnsLimits()
    {
        // Arrange
        var gen = Gen.Select(Gen.Int[0, Samples.Value.Count - 1], Gen.Int[0, KindCount - 1], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000],
            (sample, kind, where, inject) => new SampleMutation(sample, (MutationKind)kind, where, inject));

        // Act and assert: CsCheck shrinks a failure to the smallest mutation and prints it with its seed.
        await Check.SampleAsync(gen, CheckAsync, iter: RandomIterations, threads: 2, print: m => $"{m} of {Samples.Value[m.Sample].File}");
    }

    private static async Task CheckAsync(SampleMutation mutation)
    {
        var (file, sample) = Samples.Value[mutation.Sample];
        byte[] input = [.. mutation.Apply(sample), (byte)'\n', .. Encoding.UTF8.GetBytes(HostileEvents.Trailer), (byte)'\n'];

        var run = await HostileRun.RunAsync(input, file);

        var where = $"{mutation} of {file}";
        // Not necessarily last: after an array cut short, the next line is read as its next item, then the error.
        Assert.True(run.Results.Any(r => r.Outcome == "alert" && r.Decision?.Id == "env-f-trailer"), $"{where}: the valid event after it was not decided\n{run}");
        foreach (var (item, outcome, reason, _) in run.Results)
        {
            Assert.True(outcome != "rejected" || reason.Length > 0, $"{where}: {item.Position} rejected without a reason");
            Assert.True(SnsAcceptance.Unsafe(reason, allowLineBreaks: false) is null, $"{where}: {item.Position} reason {SnsAcceptance.Unsafe(reason, false)}");
        }

        foreach (var alert in run.Published)
        {
            Assert.True(SnsAcceptance.Problem(alert) is null, $"{where}: {SnsAcceptance.Problem(alert)}");
            Assert.False(SnsAcceptance.HasLineStartingWith(alert.EmailBody, HostileEvents.Marker), $"{where}: a user's line break reached the email");
        }
    }
}
