using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Policy;

/// <summary>Loads the policy from a config directory or from the defaults embedded at build time.</summary>
public static class PolicyLoader
{
    public const string RiskTableFile = "risk-table.json";
    public const string ExemptionsFile = "exemptions.json";

    /// <summary>Optional: the managed providers whose actors alerts label (none when the file is absent).</summary>
    public const string ProvidersFile = "providers.json";

    /// <summary>The policy shipped in config/ when this build was made.</summary>
    public static AlertPolicy LoadEmbedded(DateTimeOffset now) =>
        Load(Embedded(RiskTableFile), "(embedded) config/" + RiskTableFile, Embedded(ExemptionsFile), "(embedded) config/" + ExemptionsFile, now,
            Embedded(ProvidersFile), "(embedded) config/" + ProvidersFile);

    /// <summary>The raw bytes of an embedded default file.</summary>
    public static byte[] Embedded(string file)
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("GuardAlerts.Defaults." + file)
            ?? throw new ConfigException($"the build embeds no default {file}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Loads the files from bytes (<paramref name="providers"/> null: no providers file); throws
    /// <see cref="ConfigException"/> with every error in any of them.
    /// </summary>
    public static AlertPolicy Load(ReadOnlySpan<byte> riskTable, string riskTableName, ReadOnlySpan<byte> exemptions, string exemptionsName, DateTimeOffset now,
        byte[]? providers = null, string? providersName = null)
    {
        var (table, tableErrors) = RiskTableLoader.TryLoad(riskTable, riskTableName);
        var (list, listErrors) = ExemptionLoader.TryLoad(exemptions, exemptionsName, now);
        IReadOnlyList<ManagedProviderProfile>? profiles = [];
        List<ConfigError> providerErrors = [];
        if (providers is not null)
        {
            (profiles, providerErrors) = ManagedProviderLoader.TryLoad(providers, providersName ?? ProvidersFile);
        }

        if (table is null || list is null || profiles is null)
        {
            throw new ConfigException([.. tableErrors.Where(e => !e.IsWarning), .. listErrors.Where(e => !e.IsWarning), .. providerErrors.Where(e => !e.IsWarning)]);
        }

        return new AlertPolicy(table, list, profiles);
    }
}
