using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
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
    public async Task EveryRule_WhenSamplesReplayed_ShouldHaveAnAlertingAndANearMissSample()
    {
        var results = await SampleRun.GetAsync();
        var table = SampleRun.LoadPolicy(TimeProvider.System.GetUtcNow()).RiskTable;

        var problems = SampleCoverage.Problems(table, results.Select(r => r.Decision).ToList());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void SampleCoverage_WhenARuleHasNoSamples_ShouldNameWhatItLacks()
    {
        var table = RiskTableLoader.Load(Json.Utf8("""
            {"rules":[
              {"id":"trail","kind":"cloudtrail","eventSource":"cloudtrail.amazonaws.com","eventNames":["StopLogging"],"severity":"High","title":"t","why":"w","next":"n"},
              {"id":"root","kind":"cloudtrail","userIdentityTypes":["Root"],"severity":"High","title":"t","why":"w","next":"n"}]}
            """), "t.json");
        var alerted = new Decision { Outcome = Outcome.Alert, Name = "StopLogging", RuleId = "trail" };

        var problems = SampleCoverage.Problems(table, [alerted]);

        Assert.Equal(
        [
            "rule 'trail': no ignored sample of StopLogging (a near miss: the same call doing the safe thing, a failed call, a dry run)",
            "rule 'root': no sample alerts through it",
            "rule 'root': no ignored sample of a call by Root (a near miss: a read, a call it leaves out)",
        ], problems);
    }

    [Fact]
    public void ShippedRiskTable_EveryRule_ShouldMapToMitreAttack()
    {
        var table = SampleRun.LoadPolicy(TimeProvider.System.GetUtcNow()).RiskTable;

        Assert.Empty(table.Rules.Where(r => r.Mitre is null).Select(r => r.Id));
        Assert.All(table.Rules, r => Assert.All(r.Mitre!.Tactics, t => Assert.NotNull(MitreTactics.Name(t))));
    }
}
