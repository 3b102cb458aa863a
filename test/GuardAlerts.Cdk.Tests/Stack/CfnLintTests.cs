using System.Diagnostics;
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
        var start = new ProcessStartInfo("cfn-lint") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--format", "parseable", "--" }.Concat(templates))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start cfn-lint (pip install cfn-lint)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;

        // Exit status bits: 1 fatal, 2 errors, 4 warnings, 8 informational. Warnings (W3005 on CDK's own explicit
        // DependsOn) are not failures.
        Assert.True((process.ExitCode & 3) == 0, $"cfn-lint exit {process.ExitCode}:\n{output}");
        Assert.DoesNotContain(output.Split('\n'), line => line.Contains(":E", StringComparison.Ordinal));
    }
}
