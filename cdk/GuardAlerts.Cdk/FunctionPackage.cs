using System.Diagnostics;

namespace GuardAlerts.Cdk;

/// <summary>
/// The functions' deployable folder, built during synth by the project's own build step
/// (scripts/publish-functions.sh: the Native AOT `bootstrap` for linux-x64 and the policy files in config/).
/// </summary>
internal static class FunctionPackage
{
    /// <summary>Runs the publish script once per synth and returns the folder; each stack makes its own asset of it.</summary>
    public static string Build(string repoRoot)
    {
        var output = Path.Combine(repoRoot, "artifacts", "cdk", "functions");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(repoRoot, "scripts", "publish-functions.sh"), output },
            WorkingDirectory = repoRoot,
            // The script prints the folder on stdout; its build log goes to stderr, which the CDK CLI shows.
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash for scripts/publish-functions.sh");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish-functions.sh failed (exit {process.ExitCode}): see its output above");
        }

        if (!File.Exists(Path.Combine(output, "bootstrap")) || !File.Exists(Path.Combine(output, "config", "risk-table.json")))
        {
            throw new InvalidOperationException($"scripts/publish-functions.sh left no bootstrap and config/ in {output}");
        }

        return output;
    }
}
