using GuardAlerts.Core.Config;
using GuardAlerts.Core.Policy;

namespace GuardAlerts.Cli;

/// <summary>
/// Reads the policy from --config DIR (risk-table.json and exemptions.json, and providers.json when present), or the
/// embedded defaults when no directory is given.
/// </summary>
internal static class ConfigDirectory
{
    /// <summary>The optional providers file of <paramref name="directory"/> (embedded default when null): bytes and name, or nulls when absent.</summary>
    public static (byte[]? Providers, string? ProvidersName) ReadProviders(string? directory)
    {
        if (directory is null)
        {
            return (PolicyLoader.Embedded(PolicyLoader.ProvidersFile), "(embedded) config/" + PolicyLoader.ProvidersFile);
        }

        var file = Path.Combine(directory, PolicyLoader.ProvidersFile);
        return File.Exists(file) ? (File.ReadAllBytes(file), file) : (null, null);
    }

    public static (byte[] RiskTable, string RiskTableName, byte[] Exemptions, string ExemptionsName) ReadFiles(string? directory)
    {
        if (directory is null)
        {
            return (PolicyLoader.Embedded(PolicyLoader.RiskTableFile), "(embedded) config/" + PolicyLoader.RiskTableFile,
                PolicyLoader.Embedded(PolicyLoader.ExemptionsFile), "(embedded) config/" + PolicyLoader.ExemptionsFile);
        }

        if (!Directory.Exists(directory))
        {
            throw new ConfigException($"--config: directory '{directory}' does not exist");
        }

        var table = Path.Combine(directory, PolicyLoader.RiskTableFile);
        var exemptions = Path.Combine(directory, PolicyLoader.ExemptionsFile);
        foreach (var file in new[] { table, exemptions })
        {
            if (!File.Exists(file))
            {
                throw new ConfigException($"--config: '{file}' is missing (the directory needs both {PolicyLoader.RiskTableFile} and {PolicyLoader.ExemptionsFile})");
            }
        }

        return (File.ReadAllBytes(table), table, File.ReadAllBytes(exemptions), exemptions);
    }

    public static AlertPolicy Load(string? directory, DateTimeOffset now)
    {
        var (table, tableName, exemptions, exemptionsName) = ReadFiles(directory);
        var (providers, providersName) = ReadProviders(directory);
        return PolicyLoader.Load(table, tableName, exemptions, exemptionsName, now, providers, providersName);
    }

    /// <summary>The policy, or null after writing every configuration error to <paramref name="stderr"/>.</summary>
    public static async Task<AlertPolicy?> LoadOrReportAsync(string? directory, DateTimeOffset now, TextWriter stderr)
    {
        try
        {
            return Load(directory, now);
        }
        catch (ConfigException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }
}
