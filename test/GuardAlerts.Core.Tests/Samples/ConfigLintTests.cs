using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;
using NJsonSchema;

namespace GuardAlerts.Core.Tests.Samples;

/// <summary>Lints config/: schemas, loader validation, expiry, and that every rule is exercised by events/.</summary>
public class ConfigLintTests
{
    [Theory]
    [InlineData("risk-table.json", "risk-table.schema.json")]
    [InlineData("exemptions.json", "exemptions.schema.json")]
    [InlineData("providers.json", "providers.schema.json")]
    public async Task ConfigFile_WhenCheckedAgainstItsSchema_ShouldHaveNoErrors(string file, string schemaFile)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Config, schemaFile));

        var errors = schema.Validate(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Config, file)));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task ExemptionSchema_WhenExemptionUsesUnknownField_ShouldReject()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Config, "exemptions.schema.json"));

        var errors = schema.Validate("""{"exemptions":[{"id":"a","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"principalArn":"x"}}]}""");

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void ShippedConfig_WhenLoaded_ShouldHaveNoErrorsAndNoExpiredExemptions()
    {
        var now = TimeProvider.System.GetUtcNow();
        var (table, tableErrors) = RiskTableLoader.TryLoad(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.RiskTableFile)), PolicyLoader.RiskTableFile);
        var (list, listErrors) = ExemptionLoader.TryLoad(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.ExemptionsFile)), PolicyLoader.ExemptionsFile, now);

        Assert.NotNull(table);
        Assert.NotNull(list);
        Assert.Empty(tableErrors.Select(e => e.ToString()));
        Assert.DoesNotContain(listErrors, e => e.Message.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public void EmbeddedDefaults_WhenLoaded_ShouldEqualTheShippedConfig()
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.RiskTableFile)), PolicyLoader.Embedded(PolicyLoader.RiskTableFile));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.ExemptionsFile)), PolicyLoader.Embedded(PolicyLoader.ExemptionsFile));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.ProvidersFile)), PolicyLoader.Embedded(PolicyLoader.ProvidersFile));
    }

    [Fact]
    public void ShippedProviders_WhenLoaded_ShouldHaveNoErrors()
    {
        var (profiles, errors) = ManagedProviderLoader.TryLoad(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.ProvidersFile)), PolicyLoader.ProvidersFile);

        Assert.NotNull(profiles);
        Assert.Empty(errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task EveryRule_WhenSamplesReplayed_ShouldBeDecidedBySomeSampleAndAlertWhenItCan()
    {
        var results = await SampleRun.GetAsync();
        var table = SampleRun.LoadPolicy(TimeProvider.System.GetUtcNow()).RiskTable;
        var missing = new List<string>();
        foreach (var rule in table.Rules)
        {
            var decided = results.Where(r => r.Decision.RuleId == rule.Id).Select(r => r.Decision).ToList();
            // A rule whose severity (with every raise) stays below the minimum can only ever log "ignored, below the
            // minimum": it must still be exercised, with that outcome.
            var canAlert = rule.Severity is not { } fixedSeverity || fixedSeverity.Raise(rule.Raise.Sum(r => r.Levels)) >= table.MinimumSeverity;
            if (canAlert ? !decided.Exists(d => d.Outcome == Outcome.Alert) : decided.Count == 0)
            {
                missing.Add($"{rule.Id} ({(canAlert ? "no alerting sample" : "no sample decided by it")})");
            }
        }

        Assert.True(missing.Count == 0, "rules not covered: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryCloudTrailRule_WhenSamplesReplayed_ShouldHaveANonAlertingSampleOfItsEvents()
    {
        var results = await SampleRun.GetAsync();
        var table = SampleRun.LoadPolicy(TimeProvider.System.GetUtcNow()).RiskTable;

        var missing = table.Rules.Where(r => r.Kind == RuleKind.CloudTrail)
            .Where(rule => !results.Any(r => rule.EventNames.Contains(r.Decision.Name ?? "") && r.Decision.Outcome == Outcome.Ignored))
            .Select(r => r.Id)
            .ToList();

        Assert.True(missing.Count == 0, "cloudtrail rules without a negative sample: " + string.Join(", ", missing));
    }
}
