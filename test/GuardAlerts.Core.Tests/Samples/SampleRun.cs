using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Samples;

/// <summary>Every file in events/, decided in path order through one pipeline on the shipped config/.</summary>
internal static class SampleRun
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<Task<IReadOnlyList<(string File, Decision Decision)>>> Results = new(() => RunAsync(LoadPolicy(Now)));

    public static Task<IReadOnlyList<(string File, Decision Decision)>> GetAsync() => Results.Value;

    public static AlertPolicy LoadPolicy(DateTimeOffset now) => PolicyLoader.Load(
        File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.RiskTableFile)), PolicyLoader.RiskTableFile,
        File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.ExemptionsFile)), PolicyLoader.ExemptionsFile, now,
        File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.ProvidersFile)), PolicyLoader.ProvidersFile);

    public static IReadOnlyList<string> Files() =>
        Directory.GetFiles(RepoPaths.Events, "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>Every sample decided under <paramref name="policy"/>, with a fresh ledger.</summary>
    public static async Task<IReadOnlyList<(string File, Decision Decision)>> RunAsync(AlertPolicy policy)
    {
        var clock = new FakeTimeProvider(Now);
        var pipeline = new AlertPipeline(policy, new InMemoryAlertLedger(), new RecordingPublisher(), clock);
        var results = new List<(string, Decision)>();
        foreach (var file in Files())
        {
            await using var stream = EventReader.OpenFile(file);
            await foreach (var item in EventReader.ReadAsync(stream, file))
            {
                Assert.True(item.Parsed is not null, $"{item.Position}: {item.Error}");
                results.Add((Path.GetRelativePath(RepoPaths.Events, file), await pipeline.ProcessAsync(item.Parsed)));
            }
        }

        return results;
    }
}
