using System.Diagnostics;

namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>cfn-lint (the CloudFormation resource specifications, offline) on synthesized templates.</summary>
public static class CfnLint
{
    /// <summary>Fails the test when cfn-lint reports an error on any of the templates.</summary>
    public static async Task AssertNoErrorsAsync(IEnumerable<string> templates)
    {
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
