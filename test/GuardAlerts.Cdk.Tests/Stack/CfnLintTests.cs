using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>
/// cfn-lint (the CloudFormation resource specifications, offline) on every synthesized template: an error there is a
/// stack CloudFormation refuses or rolls back, found before anyone deploys it.
/// </summary>
[Collection(CdkSynthCollection.Name)]
public sealed class CfnLintTests(CdkSynthFixture synth)
{
    [Fact]
    public async Task EveryTemplate_ShouldHaveNoCfnLintErrors()
    {
        var templates = synth.Manifest["artifacts"]!.AsObject()
            .Where(a => (string?)a.Value!["type"] == "aws:cloudformation:stack")
            .Select(a => Path.Combine(synth.OutputDirectory, (string)a.Value!["properties"]!["templateFile"]!))
            .ToList();
        Assert.NotEmpty(templates);

        await CfnLint.AssertNoErrorsAsync(templates);
    }
}
