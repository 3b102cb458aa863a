using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Exemptions;

/// <summary>
/// A principal's exemption (for its routine API calls) must not silence GuardDuty telling that its credentials are
/// used from outside AWS: only an exemption that names finding types matches a finding.
/// </summary>
public class ExemptionFindingTests
{
    private const string Sample = "guardduty/UnauthorizedAccess_IAMUser_InstanceCredentialExfiltration.OutsideAWS.json";

    private static async Task<Decision> DecideAsync(string match)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var exemptions = $$"""{"exemptions":[{"id":"role-noise","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{{match}}}]}""";
        var policy = PolicyLoader.Load(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.RiskTableFile)), PolicyLoader.RiskTableFile,
            Json.Utf8(exemptions), "exemptions.json", clock.GetUtcNow());
        var pipeline = new AlertPipeline(policy, new InMemoryAlertLedger(), new RecordingPublisher(), clock);
        var path = Path.Combine(RepoPaths.Events, Sample);
        await using var stream = EventReader.OpenFile(path);
        await foreach (var item in EventReader.ReadAsync(stream, path))
        {
            return await pipeline.ProcessAsync(item.Parsed!);
        }

        throw new InvalidOperationException("empty sample " + Sample);
    }

    [Fact]
    public async Task Process_WhenThePrincipalIsExemptedForItsCallsOnly_ShouldStillAlertOnItsStolenCredentials()
    {
        var principal = (await DecideAsync("""{"findingTypes":"Recon:*"}""")).Actor?.PrincipalArn;
        Assert.False(string.IsNullOrEmpty(principal));

        var decision = await DecideAsync($$"""{"principalArns":"{{principal}}"}""");

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Null(decision.ExemptionId);
    }

    [Fact]
    public async Task Process_WhenTheExemptionNamesTheFindingType_ShouldApplyAsWritten()
    {
        var principal = (await DecideAsync("""{"findingTypes":"Recon:*"}""")).Actor?.PrincipalArn;

        var decision = await DecideAsync($$"""{"principalArns":"{{principal}}","findingTypes":"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration*"}""");

        Assert.Equal(Outcome.Exempted, decision.Outcome);
        Assert.Equal("role-noise", decision.ExemptionId);
    }
}
