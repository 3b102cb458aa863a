using System.Diagnostics;

namespace GuardAlerts.Cdk;

/// <summary>
/// The functions' two assets, built during synth: <see cref="CodeFolder"/> holds the Native AOT `bootstrap`
/// (scripts/publish-functions.sh), <see cref="PolicyFolder"/> the validated policy files as the content of a Lambda
/// layer. Separate assets, so a policy edit changes only the layer's hash: the bootstrap is neither rebuilt nor
/// uploaded again, and the deployment publishes a new layer version and points the functions at it.
/// </summary>
internal static class FunctionPackage
{
    /// <summary>The function code: `bootstrap` alone.</summary>
    public const string CodeFolder = "code";

    /// <summary>The policy layer's content: <see cref="LayerDirectory"/>/*.json.</summary>
    public const string PolicyFolder = "policy";

    /// <summary>The folder inside the layer; Lambda extracts layers into /opt.</summary>
    public const string LayerDirectory = "guardalerts-policy";

    /// <summary>Where the functions find the policy files (GUARDALERTS_POLICY_DIR).</summary>
    public const string MountedPolicyDirectory = "/opt/" + LayerDirectory;

    /// <summary>
    /// Runs the publish script once per synth and writes <paramref name="policy"/> beside it; returns the folder
    /// holding <see cref="CodeFolder"/> and <see cref="PolicyFolder"/>. Each stack makes its own assets of them.
    /// </summary>
    public static string Build(string repoRoot, PolicyFiles policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var output = Path.Combine(repoRoot, "artifacts", "cdk", "functions");
        var code = Path.Combine(output, CodeFolder);
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(repoRoot, "scripts", "publish-functions.sh"), code },
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

        if (!File.Exists(Path.Combine(code, "bootstrap")))
        {
            throw new InvalidOperationException($"scripts/publish-functions.sh left no bootstrap in {code}");
        }

        policy.WriteTo(Path.Combine(output, PolicyFolder, LayerDirectory));
        return output;
    }
}
