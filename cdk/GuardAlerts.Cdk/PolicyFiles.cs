using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk;

/// <summary>
/// The policy files the functions read (config/risk-table.json, exemptions.json and the optional providers.json),
/// read once and validated with Core's loaders before anything is synthesized: a policy the functions would refuse
/// at start-up never deploys. The same bytes are validated and shipped, so an edit during synth cannot slip through.
/// </summary>
internal sealed record PolicyFiles(IReadOnlyDictionary<string, byte[]> Files, AlertPolicy Policy)
{
    /// <summary>The risk table the EventBridge patterns are generated from.</summary>
    public RiskTable RiskTable => Policy.RiskTable;

    /// <summary>
    /// Reads and validates the files of <paramref name="directory"/>; throws <see cref="GuardAlerts.Core.Config.ConfigException"/>
    /// naming every file, entry and field that is wrong (as `guard-alerts validate --config` does), or
    /// <see cref="IOException"/> for a required file that cannot be read.
    /// </summary>
    public static PolicyFiles Load(string directory, DateTimeOffset now)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in new[] { PolicyLoader.RiskTableFile, PolicyLoader.ExemptionsFile, PolicyLoader.ProvidersFile })
        {
            var path = Path.Combine(directory, file);
            if (file != PolicyLoader.ProvidersFile || File.Exists(path))
            {
                files[file] = File.ReadAllBytes(path);
            }
        }

        var providers = files.GetValueOrDefault(PolicyLoader.ProvidersFile);
        var policy = PolicyLoader.Load(
            files[PolicyLoader.RiskTableFile], Path.Combine(directory, PolicyLoader.RiskTableFile),
            files[PolicyLoader.ExemptionsFile], Path.Combine(directory, PolicyLoader.ExemptionsFile),
            now, providers, Path.Combine(directory, PolicyLoader.ProvidersFile));
        return new PolicyFiles(files, policy);
    }

    /// <summary>Writes the validated bytes into <paramref name="folder"/> (created fresh), one file each.</summary>
    public void WriteTo(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in Files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }
}
