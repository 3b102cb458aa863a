using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Samples;

/// <summary>A provider label is context for the reader: with or without one, every sample is decided the same way.</summary>
public class ProviderLabelDecisionTests
{
    // The samples' Stax automation runs as staxid-helper-role in 111122223333: set up, its sessions earn the label.
    private const string Configured = """
        {"providers":[{"id":"stax","name":"Stax","accounts":["111122223333"],"samlProviders":["staxid"],"engineerRoles":["staxid-admin-role"],
          "automationRoles":["arn:aws:iam::111122223333:role/staxid-helper-role"],"automationSessionName":"StaxHelper","userTypeTag":"stax-user-type"}]}
        """;

    [Fact]
    public async Task EverySample_WhenProvidersAreSetUpOrNot_ShouldGetTheSameOutcomeSeverityAndKey()
    {
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var shipped = SampleRun.LoadPolicy(now);
        var labelled = await SampleRun.RunAsync(shipped with { Providers = ManagedProviderLoader.Load(Json.Utf8(Configured), "providers.json") });
        var unlabelled = await SampleRun.RunAsync(shipped with { Providers = [] });
        var claimed = await SampleRun.GetAsync();

        Assert.Contains(labelled, r => r.Decision.Actor?.Label == "Stax automation (role staxid-helper-role)");
        Assert.Contains(labelled, r => r.Decision.Actor?.Label?.StartsWith("Stax engineer access", StringComparison.Ordinal) == true);
        Assert.Contains(claimed, r => r.Decision.Actor?.Label?.StartsWith("claims to be Stax automation", StringComparison.Ordinal) == true);
        Assert.All(unlabelled, r => Assert.Null(r.Decision.Actor?.Label));
        foreach (var run in new[] { labelled, claimed })
        {
            Assert.Equal(Decided(unlabelled), Decided(run));
        }
    }

    private static List<string> Decided(IReadOnlyList<(string File, Core.Pipeline.Decision Decision)> run) =>
        run.Select(r => $"{r.File} {r.Decision.Outcome} {r.Decision.Severity} {r.Decision.RuleId} {r.Decision.ExemptionId} {r.Decision.DedupKey}").ToList();
}
